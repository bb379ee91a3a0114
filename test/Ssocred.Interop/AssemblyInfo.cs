// Each fixture starts its own STS and each test its own fake; two at a time keeps the 2-core CI honest.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: NUnit.Framework.LevelOfParallelism(2)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
