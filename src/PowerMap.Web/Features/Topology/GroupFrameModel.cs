using Blazor.Diagrams.Core.Models;
using PowerMap.Core.Layout;
using DPoint = Blazor.Diagrams.Core.Geometry.Point;
using DSize = Blazor.Diagrams.Core.Geometry.Size;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The frame and name of a site, location or rack behind its nodes (from <see cref="LayoutResult.Groups"/>). Locked,
/// sent to the back, and transparent to the pointer (CSS), so clicks reach the canvas and the links stay visible.
/// </summary>
public sealed class GroupFrameModel : NodeModel
{
    public GroupFrameModel(GroupFrame frame)
        : base("group:" + frame.Key, new DPoint(frame.Box.X, frame.Box.Y))
    {
        Frame = frame;
        Size = new DSize(frame.Box.Width, frame.Box.Height);
        ControlledSize = true;
        Locked = true;
    }

    public GroupFrame Frame { get; private set; }

    /// <summary>Takes the new frame; true when it moved, resized or was renamed.</summary>
    internal bool Update(GroupFrame frame)
    {
        if (Frame == frame)
        {
            return false;
        }
        Frame = frame;
        SetPosition(frame.Box.X, frame.Box.Y);
        Size = new DSize(frame.Box.Width, frame.Box.Height);
        return true;
    }
}
