using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class SpecCanonicalTests : SpecFileTests
{
    [Test]
    public void DefaultsSpec_RendersEveryKeyInPropertyOrder()
    {
        var spec = LoadOk("""
            task:
              kind: copy
            name: demo
            """).Base;

        Assert.That(SpecCanonical.ToCanonicalYaml(spec), Is.EqualTo("""
            name: "demo"
            description: ""
            task:
              kind: "copy"
              d0:
                min: 1
                max: 10
            model:
              layers: 6
              heads: 6
              d_model: 384
              ffn: 1536
              positional_encoding: "none"
              context: 1024
            training:
              batch: 1024
              peak_lr: 0.0005
              final_lr_fraction: 0.01
              round0:
                warmup: 1000
                stable: 7000
                decay: 2000
                floor: 0
                peak_lr: null
              rounds:
                warmup: 0
                stable: 500
                decay: 500
                floor: 0
                peak_lr: null
              adamw:
                beta1: 0.9
                beta2: 0.98
                eps: 1.0E-12
                weight_decay: 0.01
                decay_norms: true
              grad_clip: 1.0
              newest_round_fraction: 0.5
              precision: "fp32"
            self_improve:
              rounds: 10
              labels_per_round: 50000
              labels_per: "round"
              schedule:
                kind: "uniform"
                threshold: 0.99
                probe_examples: 2048
                measure: "true_labels"
                max_steps: null
                difficulties: []
              filters: []
              noise: null
              stop:
                target: ""
                avalanche: null
              decode_batch: 512
            eval:
              examples: 1024
              from: null
              below: null
              above: 4
              to: null
              step: 1
              solved: 0.99
            seeds: [41]
            device: "auto"
            numerics: "portable"
            tf32: true

            """));
    }

    [Test]
    public void CanonicalYaml_LoadsBackToTheSameSpec()
    {
        var spec = LoadOk("""
            name: round.trip-1
            description: "quotes \" and \\ backslash,\nnewline: colon # hash 'single'"
            task:
              kind: reverse
              d0: {min: 2, max: 17}
            training:
              peak_lr: 0.30000000000000004
              final_lr_fraction: 0
              round0: {warmup: 3, stable: 4, decay: 5, peak_lr: 1e-3}
              adamw: {eps: 2.5e-15}
            self_improve:
              labels_per_round: 5e4
              filters:
                - {kind: length}
                - {kind: length, rule: batch, k: 2}
            seeds: [3, 1, 2]
            device: cpu
            """).Base;
        var canonical = SpecCanonical.ToCanonicalYaml(spec);

        var reloaded = SpecLoader.Parse(canonical, "canonical.yaml").Base;

        Assert.That(SpecCanonical.ToCanonicalYaml(reloaded), Is.EqualTo(canonical));
        Assert.That(reloaded.Description, Is.EqualTo("quotes \" and \\ backslash,\nnewline: colon # hash 'single'"));
        Assert.That(reloaded.Training.PeakLr, Is.EqualTo(0.1 + 0.2));
        Assert.That(reloaded.Training.Adamw.Eps, Is.EqualTo(2.5e-15));
        Assert.That(reloaded.SelfImprove.LabelsPerRound, Is.EqualTo(50000));
        Assert.That(canonical, Does.Contain("""
              filters:
                - kind: "length"
                  rule: "expected"
                  k: 1
                  models: 5
                  threshold: 0.7
                - kind: "length"
                  rule: "batch"
                  k: 2
                  models: 5
                  threshold: 0.7
            """));
    }

    [Test]
    public void Hash_IsTheSameForTheSameResolvedSpec_HoweverWritten()
    {
        var terse = LoadOk("""
            name: demo
            task: {kind: copy}
            """).Base;
        // Different key order, flow vs block style, and defaults spelt out.
        var verbose = LoadOk("""
            model:
              layers: 6
            task:
              d0:
                max: 10
              kind: copy
            seeds: [41]
            name: demo
            """).Base;

        var hash = SpecCanonical.Hash(terse);
        Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(SpecCanonical.Hash(terse), Is.EqualTo(hash), "same spec, same hash, every time");
        Assert.That(SpecCanonical.Hash(verbose), Is.EqualTo(hash));
        Assert.That(SpecCanonical.Hash(terse with { Seeds = [42] }), Is.Not.EqualTo(hash));
        Assert.That(SpecCanonical.Hash(terse with { Training = terse.Training with { PeakLr = 5.000000000000001e-4 } }),
            Is.Not.EqualTo(hash));
    }
}
