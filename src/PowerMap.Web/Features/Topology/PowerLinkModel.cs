using System.Globalization;
using System.Text;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using PowerMap.Core.Layout;
using DPoint = Blazor.Diagrams.Core.Geometry.Point;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// A drawn power connection: position anchors at the first and last point of the layout's route, one vertex per bend.
/// Coloured by side (A blue, B orange, else grey); a back edge (cabling loop) and a planned link are dashed.
/// </summary>
public sealed class PowerLinkModel : LinkModel
{
    public PowerLinkModel(TopologyEdge edge, EdgePath path)
        : base(TraceHighlight.EdgeKey(edge), new PositionAnchor(ToDiagram(path.Points[0])), new PositionAnchor(ToDiagram(path.Points[^1])))
    {
        Edge = edge;
        Locked = true;
        Color = DiagramPalette.Side(edge.Side);
        Width = 1.5;
        SetRoute(path);
    }

    public TopologyEdge Edge { get; private set; }

    public bool IsBackEdge { get; private set; }

    public TraceRole Trace { get; private set; }

    /// <summary>The link's cable is planned, or it feeds a planned device (<see cref="TopologyFigures.PlannedLink"/>): drawn dashed.</summary>
    public bool Planned { get; private set; }

    /// <summary>Marks the link as planned or not; true when that changed.</summary>
    internal bool SetPlanned(bool planned)
    {
        bool changed = Planned != planned;
        Planned = planned;
        return changed;
    }

    /// <summary>The SVG path of the route (<c>M x y L …</c>), from the anchors and vertices.</summary>
    public string PathData { get; private set; } = "";

    /// <summary>Takes a new route and edge data; true when anything drawn changed.</summary>
    internal bool Update(TopologyEdge edge, EdgePath path)
    {
        bool changed = Edge != edge || IsBackEdge != path.IsBackEdge;
        Edge = edge;
        Color = DiagramPalette.Side(edge.Side);
        var before = PathData;
        SetSource(new PositionAnchor(ToDiagram(path.Points[0])));
        SetTarget(new PositionAnchor(ToDiagram(path.Points[^1])));
        Vertices.Clear();
        SetRoute(path);
        return changed || before != PathData;
    }

    /// <summary>New data for the same route (its load changed).</summary>
    internal void SetEdge(TopologyEdge edge) => Edge = edge;

    internal bool SetTrace(TraceRole role)
    {
        if (Trace == role)
        {
            return false;
        }
        Trace = role;
        return true;
    }

    private void SetRoute(EdgePath path)
    {
        IsBackEdge = path.IsBackEdge;
        for (int i = 1; i < path.Points.Count - 1; i++)
        {
            Vertices.Add(new LinkVertexModel(this, ToDiagram(path.Points[i])) { Locked = true });
        }
        var d = new StringBuilder();
        Append(d, 'M', Source.GetPlainPosition()!);
        foreach (var vertex in Vertices)
        {
            Append(d, 'L', vertex.Position);
        }
        Append(d, 'L', Target.GetPlainPosition()!);
        PathData = d.ToString();
    }

    private static void Append(StringBuilder d, char command, DPoint p)
    {
        if (d.Length > 0)
        {
            d.Append(' ');
        }
        d.Append(command).Append(' ')
            .Append(p.X.ToString("0.##", CultureInfo.InvariantCulture)).Append(' ')
            .Append(p.Y.ToString("0.##", CultureInfo.InvariantCulture));
    }

    private static DPoint ToDiagram(Point p) => new(p.X, p.Y);
}
