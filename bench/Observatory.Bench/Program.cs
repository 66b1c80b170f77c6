using Observatory.Bench;

// The benchmark harness: each benchmark measures the Observatory and a baseline in the same run and reports
// the ratio, so figures hold on a noisy machine. Results are recorded in docs/performance.md.
return await BenchmarkRunner.RunAsync(args);
