using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Observatory.Indicators;

namespace Observatory.Portraits.Engine;

public static partial class PortraitEngine
{
    /// <summary>
    /// One indicator's normalisation with its threshold, polarity and worst value already read, so a column is
    /// turned into ratios by one loop that does the same arithmetic for every value.
    /// </summary>
    private readonly record struct RatioRule(RatioRule.Form Shape, double Origin, double Span)
    {
        public enum Form
        {
            /// <summary>No ratio can be read: no threshold, or a min–max scale of no length.</summary>
            Undefined,

            /// <summary>The value is the ratio.</summary>
            Published,

            /// <summary>value ÷ Span.</summary>
            Over,

            /// <summary>Span ÷ value, +∞ for a value of 0.</summary>
            Into,

            /// <summary>(value − Origin) ÷ Span.</summary>
            From,

            /// <summary>(Origin − value) ÷ Span.</summary>
            Below,
        }

        public static RatioRule For(Normalisation normalisation, Ring ring, Polarity polarity, PortraitThreshold? threshold, double worst)
        {
            if (normalisation == Normalisation.PublishedRatio)
            {
                return new(Form.Published, 0, 0);
            }
            if (threshold is null)
            {
                return new(Form.Undefined, 0, 0);
            }
            var t = threshold.Value;
            switch (normalisation)
            {
                case Normalisation.RatioToBoundary:
                    // Social ratios grow as things get better, ecological ones as they get worse, so a
                    // lower-is-better social value and a higher-is-better ecological one are turned round.
                    var turned = (ring == Ring.Social) == (polarity == Polarity.LowerIsBetter);
                    return new(turned ? Form.Into : Form.Over, 0, t);
                case Normalisation.BaselineAnchoredRatio:
                    var b = threshold.Baseline ?? double.NaN;
                    return new(Form.From, b, t - b);
                case Normalisation.MinMaxToThreshold:
                    return t == worst || double.IsNaN(worst) ? new(Form.Undefined, 0, 0) : new(Form.From, worst, t - worst);
                case Normalisation.ShareDeprived:
                    return new(Form.Below, 100, 100 - t);
                default:
                    return new(Form.Undefined, 0, 0);
            }
        }

        /// <summary>
        /// The same test as <see cref="Mark"/> for one indicator, turned round onto its values: the rounded ratio is
        /// worse than the threshold exactly when the value lies on one side of a point, or outside or inside an
        /// interval, whose ends are worked out once, so the values need no arithmetic at all. False when the
        /// rule has no such form here (no fast rounding, a factor or cut that is not an ordinary double, a
        /// division by a threshold that is not positive), and the caller marks the column instead.
        /// </summary>
        public bool TryCut(bool social, Rounding rounding, out Cut cut)
        {
            cut = default;
            if (!rounding.Fast)
            {
                return false;
            }
            var scale = rounding.Scale;
            // The edge and its window are Marked's, on the scale of ratio × scale.
            var edge = scale + (social ? -0.5 : 0.5);
            var window = 2 * edge * Rounding.MidpointWindow;
            if (Shape == Form.Into)
            {
                // y = span × scale ÷ value: negative below 0, +∞ at 0, falling from there, past the edge at
                // span × scale ÷ edge. A value within a relative hair of that point is left to the exact rounding:
                // there |dy/dvalue| is edge ÷ value, so the window above becomes window × value ÷ edge, doubled.
                var at = Span * scale / edge;
                if (!(Span > 0) || !double.IsFinite(Span) || !double.IsNormal(at))
                {
                    return false;
                }
                // Social: worse below 0 (a negative ratio) or beyond the point; ecological: worse from 0 (+∞ at 0) to the point.
                cut = new Cut(social ? Cut.Where.Outside : Cut.Where.Inside, 0, at, 2 * window * at / edge);
                return true;
            }
            var (origin, factor) = Shape switch
            {
                Form.Published => (0, scale),
                Form.Over => (0, scale / Span),
                Form.From => (Origin, scale / Span),
                Form.Below => (Origin, -scale / Span),
                _ => (double.NaN, double.NaN),
            };
            var point = origin + (edge / factor);
            if (!double.IsNormal(factor) || !double.IsFinite(origin) || !double.IsFinite(point))
            {
                return false;
            }
            // y = (value − origin) × factor crosses the edge at the point. Worse is below the edge on the social
            // ring and above it on the ecological one; a negative factor turns that round on the values. The
            // window is the edge's divided by the factor, doubled, with room for the point's own rounding.
            var below = social == factor > 0;
            var band = (2 * window / Math.Abs(factor)) + (1e-15 * (Math.Abs(origin) + Math.Abs(point)));
            cut = below
                ? new Cut(Cut.Where.Below, point, double.PositiveInfinity, band)
                : new Cut(Cut.Where.Above, double.NegativeInfinity, point, band);
            return true;
        }

        /// <summary>The exact, unrounded ratio of one value.</summary>
        public double Of(double value) => Shape switch
        {
            Form.Published => new Published().Of(value),
            Form.Over => new Over(Span).Of(value),
            Form.Into => new Into(Span).Of(value),
            Form.From => new From(Origin, Span).Of(value),
            Form.Below => new Below(Origin, Span).Of(value),
            _ => double.NaN,
        };

        /// <summary>Rounded ratios of <paramref name="values"/> into <paramref name="ratios"/>.</summary>
        public void Apply(ReadOnlySpan<double> values, Span<double> ratios, Rounding rounding)
        {
            var kernel = new Rounded(values, ratios, rounding);
            Run(ref kernel, rounding.Scale);
        }

        /// <summary>
        /// Takes each of <paramref name="values"/> into its slot of <paramref name="marks"/> (see
        /// <see cref="Compute"/>): −1 when its rounded ratio has data, −2 when that ratio is worse than the
        /// threshold (below 1 on the social ring, above 1 on the ecological), whichever is lower.
        /// </summary>
        public void Mark(ReadOnlySpan<double> values, bool social, Rounding rounding, Span<long> marks)
        {
            var kernel = new Marked(values, social, rounding, marks);
            Run(ref kernel, rounding.Scale);
        }

        /// <summary>Runs <paramref name="kernel"/> with the arithmetic of this rule's form.</summary>
        // Optimised from the first call, as the loops it picks: it runs once for every column of every chunk.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Run<TKernel>(ref TKernel kernel, double scale)
            where TKernel : IKernel, allows ref struct
        {
            // The three forms that divide by a constant are scaled by one multiplication instead (a division
            // takes several times as long); below-the-origin is from-the-origin with the factor turned round. Only
            // a factor that is an ordinary double keeps the product within a few units in the last place of the
            // division's.
            var factor = Shape switch { Form.Over or Form.From => scale / Span, Form.Below => -scale / Span, _ => double.NaN };
            switch (Shape)
            {
                case Form.Published: kernel.Run(new Exact<Published>(default, scale), this); break;
                case Form.Into: kernel.Run(new Exact<Into>(new(Span), scale), this); break;
                case Form.Over or Form.From or Form.Below when double.IsNormal(factor):
                    kernel.Run(new Affine(Shape == Form.Over ? 0 : Origin, factor), this);
                    break;
                case Form.Over: kernel.Run(new Exact<Over>(new(Span), scale), this); break;
                case Form.From: kernel.Run(new Exact<From>(new(Origin, Span), scale), this); break;
                case Form.Below: kernel.Run(new Exact<Below>(new(Origin, Span), scale), this); break;
                default: kernel.Undefined(); break;
            }
        }

        /// <summary>A loop over a column, compiled once per form of the arithmetic, which the JIT then inlines into it.</summary>
        private interface IKernel
        {
            void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled;

            /// <summary>No value has a ratio.</summary>
            void Undefined();
        }

        private readonly ref struct Rounded(ReadOnlySpan<double> values, Span<double> ratios, Rounding rounding) : IKernel
        {
            private readonly ReadOnlySpan<double> _values = values;
            private readonly Span<double> _ratios = ratios;

            // Optimised from the first call: a whole set of places goes through it in a few calls.
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled
            {
                ref var v = ref MemoryMarshal.GetReference(_values);
                ref var r = ref MemoryMarshal.GetReference(_ratios);
                var p = 0;
                if (Vector.IsHardwareAccelerated && rounding.Fast)
                {
                    for (; p <= _values.Length - Vector<double>.Count; p += Vector<double>.Count)
                    {
                        var value = Vector.LoadUnsafe(ref v, (nuint)p);
                        rounding.Of(scaled.Of(value), value, rule, ref Unsafe.Add(ref r, p));
                    }
                }
                for (; p < _values.Length; p++)
                {
                    Unsafe.Add(ref r, p) = rounding.Of(rule.Of(Unsafe.Add(ref v, p)));
                }
            }

            public void Undefined() => _ratios.Fill(double.NaN);
        }

        private readonly ref struct Marked(ReadOnlySpan<double> values, bool social, Rounding rounding, Span<long> marks) : IKernel
        {
            private readonly ReadOnlySpan<double> _values = values;
            private readonly Span<long> _marks = marks;

            // The rounded ratio is below 1 exactly when the ratio times the scale is below scale − ½, and above 1
            // exactly when it is at or above scale + ½ (half rounds away from zero), so the status is read by one
            // comparison, without rounding. Only a value within a hair of that edge (twice the rounding's window
            // about it) is rounded, exactly, after the loop, so the loop itself makes no call.
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled
            {
                ref var v = ref MemoryMarshal.GetReference(_values);
                ref var m = ref MemoryMarshal.GetReference(_marks);
                var p = 0;
                if (Vector.IsHardwareAccelerated && rounding.Fast)
                {
                    var (edge, band) = Edge();
                    var anyNear = Vector<long>.Zero;
                    for (; p <= _values.Length - Vector<double>.Count; p += Vector<double>.Count)
                    {
                        var at = (nuint)p;
                        var y = scaled.Of(Vector.LoadUnsafe(ref v, at));
                        var worse = social ? Vector.LessThan(y, edge) : Vector.GreaterThanOrEqual(y, edge);
                        var near = Vector.LessThanOrEqual(Vector.Abs(y - edge), band);
                        // Has data (NaN is the only value not equal to itself) plus worse: 0, −1 or −2.
                        var mark = Vector.AndNot(Vector.Equals(y, y) + worse, near);
                        Vector.Min(Vector.LoadUnsafe(ref m, at), mark).StoreUnsafe(ref m, at);
                        anyNear |= near;
                    }
                    if (anyNear != Vector<long>.Zero)
                    {
                        Settle(scaled, rule, p);
                    }
                }
                for (; p < _values.Length; p++)
                {
                    Exactly(rule, p);
                }
            }

            private (Vector<double> Edge, Vector<double> Band) Edge()
            {
                var edge = rounding.Scale + (social ? -0.5 : 0.5);
                return (new Vector<double>(edge), new Vector<double>(2 * edge * Rounding.MidpointWindow));
            }

            /// <summary>The values before <paramref name="end"/> that were too near the edge to mark, rounded exactly.</summary>
            [MethodImpl(MethodImplOptions.NoInlining)]
            private void Settle<TScaled>(TScaled scaled, in RatioRule rule, int end)
                where TScaled : struct, IScaled
            {
                var (edge, band) = Edge();
                for (var p = 0; p < end; p += Vector<double>.Count)
                {
                    var y = scaled.Of(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_values), (nuint)p));
                    var near = Vector.LessThanOrEqual(Vector.Abs(y - edge), band);
                    for (var i = 0; i < Vector<long>.Count; i++)
                    {
                        if (near[i] != 0)
                        {
                            Exactly(rule, p + i);
                        }
                    }
                }
            }

            private void Exactly(in RatioRule rule, int p)
            {
                var ratio = rounding.Of(rule.Of(_values[p]));
                var mark = MarkOf(ratio, social);
                _marks[p] = Math.Min(_marks[p], mark);
            }

            public void Undefined()
            {
            }
        }

        /// <summary>Ratios times the rounding scale, for a vector of values.</summary>
        private interface IScaled
        {
            Vector<double> Of(Vector<double> values);
        }

        /// <summary>(value − origin) × factor, factor = ±scale ÷ span: within a few units in the last place of the exact ratio × scale.</summary>
        private readonly struct Affine(double origin, double factor) : IScaled
        {
            public Vector<double> Of(Vector<double> values) => (values - new Vector<double>(origin)) * new Vector<double>(factor);
        }

        /// <summary>The exact ratio times the scale: the same two roundings as ratio, then scaled value, one at a time.</summary>
        private readonly struct Exact<TArithmetic>(TArithmetic arithmetic, double scale) : IScaled
            where TArithmetic : struct, IArithmetic
        {
            public Vector<double> Of(Vector<double> values) => arithmetic.Of(values) * new Vector<double>(scale);
        }

        // Each form once, for one value and for a vector of them; a missing value (NaN) stays NaN through every one.
        private interface IArithmetic
        {
            double Of(double value);
            Vector<double> Of(Vector<double> values);
        }

        private readonly struct Published : IArithmetic
        {
            public double Of(double value) => value;
            public Vector<double> Of(Vector<double> values) => values;
        }

        private readonly struct Over(double span) : IArithmetic
        {
            public double Of(double value) => value / span;
            public Vector<double> Of(Vector<double> values) => values / new Vector<double>(span);
        }

        private readonly struct Into(double span) : IArithmetic
        {
            public double Of(double value) => value == 0 ? double.PositiveInfinity : span / value;

            public Vector<double> Of(Vector<double> values) =>
                Vector.ConditionalSelect(Vector.Equals(values, Vector<double>.Zero), new Vector<double>(double.PositiveInfinity), new Vector<double>(span) / values);
        }

        private readonly struct From(double origin, double span) : IArithmetic
        {
            public double Of(double value) => (value - origin) / span;
            public Vector<double> Of(Vector<double> values) => (values - new Vector<double>(origin)) / new Vector<double>(span);
        }

        private readonly struct Below(double origin, double span) : IArithmetic
        {
            public double Of(double value) => (origin - value) / span;
            public Vector<double> Of(Vector<double> values) => (new Vector<double>(origin) - values) / new Vector<double>(span);
        }
    }
}
