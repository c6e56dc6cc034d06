using System.Runtime.CompilerServices;

// The SIMD kernels are internal; the tests check them against scalar references and the benchmarks time them.
[assembly: InternalsVisibleTo("Mrh.Tests")]
[assembly: InternalsVisibleTo("Mrh.Benchmarks")]
