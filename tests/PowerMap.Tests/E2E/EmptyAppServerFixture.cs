namespace PowerMap.Tests.E2E;

/// <summary>The app over an empty database (no demo data): for flows that build an installation through the UI.</summary>
public sealed class EmptyAppServerFixture : AppServerFixture
{
    protected override bool DemoData => false;
}

[CollectionDefinition(Name)]
public sealed class EmptyBrowserCollection : ICollectionFixture<EmptyAppServerFixture>
{
    public const string Name = "browser-empty";
}
