namespace PowerMap.Core.Layout;

/// <summary>A point in diagram units (CSS pixels at zoom 1); y grows downwards, as in SVG.</summary>
public readonly record struct Point(double X, double Y);

/// <summary>A width and height in diagram units.</summary>
public readonly record struct Size(double Width, double Height);

/// <summary>An axis-aligned rectangle in diagram units: top-left corner plus size (y grows downwards).</summary>
public readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Left => X;
    public double Top => Y;
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public Point Center => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>The smallest rectangle around all of <paramref name="rects"/>; null when there are none (what "fit selection"
    /// and "zoom to trace" fit into the canvas).</summary>
    public static Rect? Around(IEnumerable<Rect> rects)
    {
        ArgumentNullException.ThrowIfNull(rects);
        double left = double.PositiveInfinity, top = double.PositiveInfinity, right = double.NegativeInfinity, bottom = double.NegativeInfinity;
        foreach (var r in rects)
        {
            left = Math.Min(left, r.Left);
            top = Math.Min(top, r.Top);
            right = Math.Max(right, r.Right);
            bottom = Math.Max(bottom, r.Bottom);
        }
        return double.IsPositiveInfinity(left) ? null : new Rect(left, top, right - left, bottom - top);
    }

    /// <summary>True when the interiors overlap; rectangles that only touch along an edge do not intersect.</summary>
    public bool Intersects(Rect other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>True when <paramref name="p"/> lies on the border of this rectangle, within <paramref name="tolerance"/>.</summary>
    public bool IsOnBorder(Point p, double tolerance = 1e-6)
    {
        bool withinX = p.X >= Left - tolerance && p.X <= Right + tolerance;
        bool withinY = p.Y >= Top - tolerance && p.Y <= Bottom + tolerance;
        bool onVertical = withinY && (Math.Abs(p.X - Left) <= tolerance || Math.Abs(p.X - Right) <= tolerance);
        bool onHorizontal = withinX && (Math.Abs(p.Y - Top) <= tolerance || Math.Abs(p.Y - Bottom) <= tolerance);
        return onVertical || onHorizontal;
    }
}
