using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Runner.Core.Ledger;

/// <summary>One row per run (one arm x seed of a spec): its provenance and outcome.</summary>
public sealed record RunRow : ILedgerRow
{
    public static string TableName => "runs";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("spec_hash")] public string SpecHash { get; set; } = "";
    /// <summary>The resolved spec (arm overrides applied) as YAML, so the run can be repeated from the ledger alone.</summary>
    [JsonPropertyName("spec_yaml")] public string SpecYaml { get; set; } = "";
    [JsonPropertyName("git_branch")] public string GitBranch { get; set; } = "";
    [JsonPropertyName("git_dirty")] public bool GitDirty { get; set; }
    /// <summary>When dirty: hash of the uncommitted diff, which is saved as runs/&lt;run id&gt;/code.diff.</summary>
    [JsonPropertyName("git_diff_hash")] public string GitDiffHash { get; set; } = "";
    /// <summary>Hash of the committed code tree without ledger/, runs/ and reports/.</summary>
    [JsonPropertyName("code_tree")] public string CodeTree { get; set; } = "";
    /// <summary>e.g. "TorchSharp=0.107.0; libtorch=2.10.0; .NET=10.0.1".</summary>
    [JsonPropertyName("packages")] public string Packages { get; set; } = "";
    [JsonPropertyName("host")] public string Host { get; set; } = "";
    [JsonPropertyName("os")] public string Os { get; set; } = "";
    [JsonPropertyName("device")] public string Device { get; set; } = "";
    [JsonPropertyName("threads")] public int Threads { get; set; }
    /// <summary>e.g. "AMD EPYC (2 logical cores)".</summary>
    [JsonPropertyName("cpu")] public string Cpu { get; set; } = "";
    /// <summary>Vendor, family and model, e.g. "AuthenticAMD family 26 model 2": two CPUs of one name may differ here.</summary>
    [JsonPropertyName("cpu_id")] [SinceSchema(3)] public string CpuId { get; set; } = "";
    /// <summary>The instruction sets that decide which kernels may run, e.g. "avx2 fma avx512f avx512_bf16".</summary>
    [JsonPropertyName("cpu_flags")] [SinceSchema(3)] public string CpuFlags { get; set; } = "";
    /// <summary>The kernel level libtorch chose, as it reports it: "AVX2", "AVX512", "DEFAULT".</summary>
    [JsonPropertyName("cpu_capability")] [SinceSchema(3)] public string CpuCapability { get; set; } = "";
    /// <summary>portable (kernel paths and threads pinned: the same ledger on any x64 CPU with AVX2) or fast.</summary>
    [JsonPropertyName("numerics")] [SinceSchema(3)] public string Numerics { get; set; } = "";
    /// <summary>The kernel settings in effect, e.g. "ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=COMPATIBLE ONEDNN_MAX_CPU_ISA=AVX2".</summary>
    [JsonPropertyName("numerics_settings")] [SinceSchema(3)] public string NumericsSettings { get; set; } = "";
    /// <summary>A CUDA run's GPU model(s) and driver, e.g. "NVIDIA H100 80GB HBM3 (driver 550.54.15)"; "none" on the CPU.</summary>
    [JsonPropertyName("gpu")] public string Gpu { get; set; } = "";
    /// <summary>Whether matmuls used TF32 (the spec's tf32 key, on a GPU only; always false on the CPU).</summary>
    [JsonPropertyName("tf32")] [SinceSchema(3)] public bool Tf32 { get; set; }
    /// <summary>What makes the run repeatable on this device, e.g. seeded streams and CPU kernels.</summary>
    [JsonPropertyName("determinism")] public string Determinism { get; set; } = "";

    // Logical microsecond timestamps (not the Impala INT96 default) so DuckDB and others see TIMESTAMP WITH TIME ZONE.
    [JsonPropertyName("started_utc")]
    [ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime StartedUtc { get; set; }

    [JsonPropertyName("ended_utc")]
    [ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime EndedUtc { get; set; }

    /// <summary>completed: a run row is written only when every round is in the ledger.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("rounds_completed")] public int RoundsCompleted { get; set; }
    /// <summary>The frontier of the final round (the round rolled back to, after a rollback).</summary>
    [JsonPropertyName("final_frontier")] public int FinalFrontier { get; set; }
    /// <summary>The round whose model is the run's result: the last trained one, or the one rolled back to.</summary>
    [JsonPropertyName("final_round")] public int FinalRound { get; set; }
    /// <summary>Why the run ended (see rounds.stop_reason).</summary>
    [JsonPropertyName("stop_reason")] public string StopReason { get; set; } = "";
    /// <summary>The filter chain as the runner applied it, e.g. "majority(models=5,threshold=0.7,votes>=4) > length(batch,k=1)".</summary>
    [JsonPropertyName("filters")] public string Filters { get; set; } = "";
    /// <summary>The schedule, with the accelerated schedule's accuracy measure, e.g. "accelerated(true_labels>=0.99)".</summary>
    [JsonPropertyName("schedule")] public string Schedule { get; set; } = "";
    [JsonPropertyName("models")] public int Models { get; set; }
}
