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
    /// drawing, CSS px) so that nothing prints below <paramref name="readableZoom"/>.</summary>
    public static PrintTiling Tile(Size drawing, Size page, double readableZoom)
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
        double width = page.Width / zoom, height = page.Height / zoom;
        var pages = new List<PrintPage>(rows * columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                pages.Add(new PrintPage(r + 1, c + 1, new Rect(c * width, r * height, width, height)));
            }
        }
        return new PrintTiling(rows, columns, zoom, pages);
    }
}
