namespace Clickcast.Training.Evaluation;

/// <summary>
/// Thins a curve in the unit square for charts. Points are kept at equal steps of path length rather than of index,
/// so a steep jump (a ROC curve's first rise, a PR curve's early drop) keeps as many points as a long flat stretch.
/// Kept points are real operating points, never interpolated, and both endpoints are always kept.
/// </summary>
internal static class CurveSampler
{
    /// <summary>Indexes (ascending, at most <paramref name="maxPoints"/>) of the points to keep out of <paramref name="count"/>.</summary>
    public static int[] Select(int count, Func<int, (double X, double Y)> point, int maxPoints)
    {
        if (count <= maxPoints)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        double total = 0;
        var previous = point(0);
        for (var i = 1; i < count; i++)
        {
            var current = point(i);
            total += Distance(previous, current);
            previous = current;
        }

        var kept = new List<int>(maxPoints) { 0 };
        var slots = maxPoints - 1;
        if (total > 0)
        {
            // Interior targets j·total/slots for j = 1 .. slots-1: at most one kept index each, so with both
            // endpoints the result never exceeds maxPoints.
            var next = 1;
            double walked = 0;
            previous = point(0);
            for (var i = 1; i < count - 1 && next < slots; i++)
            {
                var current = point(i);
                walked += Distance(previous, current);
                previous = current;
                if (walked >= total * next / slots)
                {
                    kept.Add(i);
                    next = (int)Math.Floor(walked * slots / total) + 1;
                }
            }
        }

        kept.Add(count - 1);
        return kept.ToArray();
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
