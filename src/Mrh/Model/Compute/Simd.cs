using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Mrh.Model.Compute;

/// <summary>
/// The vector operations the engine's kernels need, at one width: the kernels are generic over an
/// implementation (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/>) and its vector type, so
/// the JIT compiles one copy per width with every call inlined. Every operation is lane-wise except <see cref="Sum"/>, so the widths
/// compute the same values lane for lane (identical bytes wherever <see cref="MultiplyAdd"/> is fused).
/// (The vector types' operators cannot be reached through generic constraints: the reference assemblies do
/// not expose their operator interfaces, hence <see cref="Add"/> and friends.)
/// </summary>
unsafe interface ISimd<TV> where TV : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }
    /// <summary>
    /// Vectors per row of <see cref="TileGemm{TS, TV}"/>'s register tile (6 rows): as many accumulators as
    /// the register file holds with room for the B row and the broadcast.
    /// </summary>
    static abstract int TileVectors { get; }
    static abstract TV Load(float* p);
    static abstract void Store(TV v, float* p);
    static abstract TV Broadcast(float x);
    /// <summary>*p in every lane, loaded straight into the vector (one instruction where the ISA has one).</summary>
    static abstract TV LoadBroadcast(float* p);
    static abstract TV Add(TV a, TV b);
    static abstract TV Subtract(TV a, TV b);
    static abstract TV Multiply(TV a, TV b);
    static abstract TV Negate(TV a);
    /// <summary>a b + c, fused where the hardware has FMA (AVX2 machines, Arm), a product and a sum elsewhere.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);
    static abstract TV Max(TV a, TV b);
    /// <summary>g where y &gt; 0, else 0 (the ReLU's gradient mask).</summary>
    static abstract TV WherePositive(TV y, TV g);
    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TV v);
}

/// <summary>AVX-512: 32 registers of 16 floats; 6 x 4 accumulator tiles.</summary>
readonly unsafe struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => 16;
    public static int TileVectors => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> v, float* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LoadBroadcast(float* p) => Vector512.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Negate(Vector512<float> a) => -a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WherePositive(Vector512<float> y, Vector512<float> g) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), g, Vector512<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> v) => Vector512.Sum(v);
}

/// <summary>AVX2 + FMA: 16 registers of 8 floats; 6 x 2 accumulator tiles.</summary>
readonly unsafe struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => 8;
    public static int TileVectors => 2;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> v, float* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LoadBroadcast(float* p) => Vector256.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Negate(Vector256<float> a) => -a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WherePositive(Vector256<float> y, Vector256<float> g) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), g, Vector256<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> v) => Vector256.Sum(v);
}

/// <summary>
/// 128-bit vectors of 4 floats: Arm NEON (32 registers: 6 x 4 accumulator tiles) and SSE / AVX without AVX2
/// (16 registers: 6 x 2).
/// </summary>
readonly unsafe struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => 4;
    public static int TileVectors => AdvSimd.Arm64.IsSupported ? 4 : 2;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> v, float* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Broadcast(float x) => Vector128.Create(x);
    /// <summary>
    /// AVX's vbroadcastss from memory (the JIT emits a load and a shuffle for <c>Vector128.Create(*p)</c> where
    /// AVX2 is off, and the shuffle competes with the multiplies and adds for the FP pipes), Arm's ld1r.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadBroadcast(float* p) =>
        Avx.IsSupported ? Avx.BroadcastScalarToVector128(p) : AdvSimd.IsSupported ? AdvSimd.LoadAndReplicateToVector128(p) : Vector128.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Negate(Vector128<float> a) => -a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WherePositive(Vector128<float> y, Vector128<float> g) => Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<float>.Zero), g, Vector128<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector128<float> v) => Vector128.Sum(v);
}
