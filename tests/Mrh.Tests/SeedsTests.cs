namespace Mrh.Tests;

/// <summary>
/// The one seed scheme. Expected values computed outside .NET by an independent Python implementation of the scheme
/// as documented (FNV-1a over "i"/"s"-prefixed parts with a 0xFF separator, seeded with SplitMix64 of the seed, then
/// SplitMix64; ints are the low 31 bits).
/// </summary>
public class SeedsTests
{
    [Fact]
    public void DerivedSeedsMatchAnIndependentImplementation()
    {
        Assert.Equal(5010826585461785510UL, Seeds.Derive(1, "mri-train", 3, "noise"));
        Assert.Equal(1249034818, Seeds.Int(1, "fig1", "ii", 0));
        Assert.Equal(647545851, Seeds.Int(-5, "subject", 2)); // a negative run seed is allowed
    }

    [Fact]
    public void StreamsDifferByPathAndTypeOfPart()
    {
        int a = Seeds.Int(1, "subject", 0), b = Seeds.Int(1, "subject", 1), c = Seeds.Int(2, "subject", 0);
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.NotEqual(Seeds.Derive(1, "ab", "c"), Seeds.Derive(1, "a", "bc")); // the separator
        Assert.NotEqual(Seeds.Derive(1, 3), Seeds.Derive(1, "3"));              // a number is not its text
        // seed + 1 of one run is not a stream of another: run 1's stream 1 differs from run 2's stream 0
        Assert.NotEqual(Seeds.Int(1, "subject", 1), Seeds.Int(2, "subject", 0));
        Assert.All(Enumerable.Range(-50, 100).Select(s => Seeds.Int(s, "x")), v => Assert.True(v >= 0));
    }
}
