using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Topology;

/// <summary>The minimap of the topology diagram (see the markup for what it draws).</summary>
public sealed partial class DiagramMinimap : IDisposable
{
    [Parameter, EditorRequired] public TopologyDiagram Diagram { get; set; } = null!;

    [Parameter] public double Width { get; set; } = 200;

    [Parameter] public double Height { get; set; } = 120;

    private (string All, string Warning, string Danger) _paths = ("", "", "");
    private object? _pathsFor;
    private Rect _view;

    protected override void OnInitialized()
    {
        Diagram.Diagram.PanChanged += OnViewportChanged;
        Diagram.Diagram.ZoomChanged += OnViewportChanged;
        Diagram.Diagram.ContainerChanged += OnViewportChanged;
    }

    protected override void OnParametersSet() => Recompute();

    private void Recompute()
    {
        var layout = Diagram.Layout;
        if (layout is null)
        {
            return;
        }
        if (!ReferenceEquals(_pathsFor, Diagram.View))
        {
            var all = new StringBuilder();
            var warning = new StringBuilder();
            var danger = new StringBuilder();
            foreach (var box in layout.Nodes)
            {
                Append(all, box.Box);
                if (Diagram.Nodes.TryGetValue(box.Id, out var node))
                {
                    if (node.Figures.Status == UtilizationStatus.Danger)
                    {
                        Append(danger, box.Box);
                    }
                    else if (node.Figures.Status == UtilizationStatus.Warning)
                    {
                        Append(warning, box.Box);
                    }
                }
            }
            _paths = (all.ToString(), warning.ToString(), danger.ToString());
            _pathsFor = Diagram.View;
        }
        var d = Diagram.Diagram;
        if (d.Container is { Width: > 0 } container && d.Zoom > 0)
        {
            _view = new Rect(-d.Pan.X / d.Zoom, -d.Pan.Y / d.Zoom, container.Width / d.Zoom, container.Height / d.Zoom);
        }
    }

    private void OnViewportChanged()
    {
        Recompute();
        InvokeAsync(StateHasChanged);
    }

    private void OnClick(MouseEventArgs e)
    {
        if (Diagram.Layout is not { } layout)
        {
            return;
        }
        var b = Padded(layout.Bounds);
        double height = HeightFor(layout.Bounds);
        double scale = Math.Min(Width / b.Width, height / b.Height);
        double x = b.X + ((e.OffsetX - ((Width - (b.Width * scale)) / 2)) / scale);
        double y = b.Y + ((e.OffsetY - ((height - (b.Height * scale)) / 2)) / scale);
        Diagram.CenterOn(new Rect(x, y, 0, 0));
    }

    /// <summary>The minimap takes the diagram's aspect ratio, between 36 px and <see cref="Height"/>.</summary>
    private double HeightFor(Rect bounds)
    {
        var b = Padded(bounds);
        return Math.Clamp(Width * b.Height / Math.Max(b.Width, 1), 36, Height);
    }

    /// <summary>The whole diagram is on screen: no minimap needed.</summary>
    private static bool Contains(Rect view, Rect bounds) =>
        view.Width > 0 && view.Left <= bounds.Left && view.Top <= bounds.Top && view.Right >= bounds.Right && view.Bottom >= bounds.Bottom;

    private static Rect Padded(Rect bounds)
    {
        double pad = Math.Max(bounds.Width, bounds.Height) * 0.02;
        return new Rect(bounds.X - pad, bounds.Y - pad, bounds.Width + (2 * pad), bounds.Height + (2 * pad));
    }

    private static string ViewBox(Rect bounds)
    {
        var b = Padded(bounds);
        return $"{F(b.X)} {F(b.Y)} {F(b.Width)} {F(b.Height)}";
    }

    private static void Append(StringBuilder d, Rect r) =>
        d.Append('M').Append(F(r.X)).Append(' ').Append(F(r.Y)).Append('h').Append(F(r.Width)).Append('v').Append(F(r.Height)).Append('h').Append(F(-r.Width)).Append('z');

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Diagram.Diagram.PanChanged -= OnViewportChanged;
        Diagram.Diagram.ZoomChanged -= OnViewportChanged;
        Diagram.Diagram.ContainerChanged -= OnViewportChanged;
    }
}
