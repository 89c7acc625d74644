// libtorch's random generator and thread count are per process: model tests running side by side would draw from
// each other's generator (breaking the determinism they check) and fight over the two cores.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

// One server with demo data for every test that only reads it (isolation, dashboard, remote CLI).
[assembly: Xunit.AssemblyFixture(typeof(Clickcast.IntegrationTests.Support.DemoServer))]
