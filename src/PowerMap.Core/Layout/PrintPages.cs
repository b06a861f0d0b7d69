namespace PowerMap.Core.Layout;

/// <summary>One printed page of a drawing: its place in the grid of pages (1-based) and the window of the drawing it shows.</summary>
public sealed record PrintPage(int Row, int Column, Rect Window);

/// <summary>How a drawing is printed: the pages in reading order (row by row) and the zoom they share.</summary>
public sealed record PrintTiling(int Rows, int Columns, double Zoom, IReadOnlyList<PrintPage> Pages);

/// <summary>
/// Splits a drawing over printed pages. A drawing that fits one page at <c>readableZoom</c> or more prints on one page
/// (scaled to fit, never enlarged past 1); a larger one is tiled into the fewest rows × columns of page-sized windows
/// whose shared zoom is at least <c>readableZoom</c>. Pure arithmetic in diagram units (CSS px at zoom 1).
/// </summary>
public static class PrintPages
{
    /// <summary>Tiles <paramref name="drawing"/> over pages of <paramref name="page"/> (the printable area for the
    /// drawing, CSS px) so that nothing prints below <paramref name="readableZoom"/>. Page edges avoid cutting through
    /// <paramref name="keepWhole"/> (racks, nodes; drawing units): a page ends at the last gap between them that leaves it at
    /// least half full, and the next page starts there, so a rack split by a plain grid prints whole on one page (what lies
    /// past the gap at the page's far edge is repeated on the next page).</summary>
    public static PrintTiling Tile(Size drawing, Size page, double readableZoom, IReadOnlyList<Rect>? keepWhole = null)
    {
        if (!(drawing.Width > 0 && drawing.Height > 0 && page.Width > 0 && page.Height > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(drawing), "drawing and page must have a positive width and height");
        }
        if (!(readableZoom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(readableZoom), "readableZoom must be positive");
        }
        double fit = Math.Min(page.Width / drawing.Width, page.Height / drawing.Height);
        if (fit >= readableZoom)
        {
            return new PrintTiling(1, 1, Math.Min(1, fit), [new PrintPage(1, 1, new Rect(0, 0, drawing.Width, drawing.Height))]);
        }
        int columns = (int)Math.Ceiling(drawing.Width * readableZoom / page.Width);
        int rows = (int)Math.Ceiling(drawing.Height * readableZoom / page.Height);
        // The grid's pages are filled in the direction that limits; the other has room to spare.
        double zoom = Math.Min(1, Math.Min(columns * page.Width / drawing.Width, rows * page.Height / drawing.Height));
        var across = (keepWhole ?? []).Select(b => (b.Left, b.Right)).ToList();
        var down = (keepWhole ?? []).Select(b => (b.Top, b.Bottom)).ToList();
        // Edges moved back to gaps can need a page more; a slightly smaller zoom (never below the readable one) often
        // keeps the plain grid's page count: take the largest such zoom, in 2 % steps.
        double width = 0, height = 0;
        List<double> xs = [], ys = [];
        for (double z = zoom; z >= readableZoom - 1e-9; z *= 0.98)
        {
            var (w, h) = (page.Width / z, page.Height / z);
            var (x, y) = (Starts(drawing.Width, w, across), Starts(drawing.Height, h, down));
            if (xs.Count == 0 || x.Count * y.Count <= columns * rows)
            {
                (width, height, xs, ys) = (w, h, x, y);
                if (x.Count * y.Count <= columns * rows)
                {
                    zoom = z;
                    break;
                }
            }
        }
        var pages = new List<PrintPage>(xs.Count * ys.Count);
        for (int r = 0; r < ys.Count; r++)
        {
            for (int c = 0; c < xs.Count; c++)
            {
                pages.Add(new PrintPage(r + 1, c + 1, new Rect(xs[c], ys[r], width, height)));
            }
        }
        return new PrintTiling(ys.Count, xs.Count, zoom, pages);
    }

    /// <summary>Where each page starts along one axis: the next start is the last edge of an interval within the page
    /// (not inside any interval) past its middle, else the page's far edge.</summary>
    private static List<double> Starts(double total, double window, List<(double From, double To)> intervals)
    {
        const double Epsilon = 1e-6;
        var starts = new List<double> { 0 };
        double start = 0;
        while (start + window < total - Epsilon)
        {
            double limit = start + window;
            double cut = limit;
            bool Inside(double x) => intervals.Any(i => i.From < x - Epsilon && x < i.To - Epsilon);
            if (Inside(limit))
            {
                var gaps = intervals.SelectMany(i => new[] { i.From, i.To })
                    .Where(x => x > start + (window / 2) && x <= limit + Epsilon && !Inside(x)).ToList();
                if (gaps.Count > 0)
                {
                    cut = gaps.Max();
                }
            }
            starts.Add(cut);
            start = cut;
        }
        return starts;
    }
}
