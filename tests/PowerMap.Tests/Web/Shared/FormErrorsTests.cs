using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Tests.Web.Shared;

public class FormErrorsTests
{
    [Fact]
    public void ShownFields_GetTheirMessages_OthersGoToTheAlert()
    {
        var errors = new FormErrors("name", "voltage");
        errors.Set(new ValidationErrors()
            .Add("voltage", "This value may not be 0.")
            .Add(ValidationErrors.NonField, "Power feed with this Power panel and Name already exists.")
            .Add("power_panel", "This field is required."));

        Assert.True(errors.Has("voltage"));
        Assert.Equal("This value may not be 0.", errors.Text("voltage"));
        Assert.Null(errors.Text("name"));
        Assert.False(errors.Has("power_panel"));
        Assert.Equal(["Power feed with this Power panel and Name already exists.", "Power panel: This field is required."], errors.General);
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        var errors = new FormErrors("name");
        errors.Set(new ValidationErrors().Add("name", "This field may not be blank."));
        errors.Clear();
        Assert.False(errors.Any);
        Assert.Null(errors.Text("name"));
    }
}
