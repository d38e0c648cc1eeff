#!/usr/bin/env python3
"""Writes a tiny Llama 3.x checkpoint and its reference logits: the fixture Runner's Llama is tested against.

Plain PyTorch (Debian's python3-torch), no transformers: the forward pass below follows
transformers' models/llama/modeling_llama.py and modeling_rope_utils.py op for op (LlamaRMSNorm,
_compute_llama3_parameters, LlamaRotaryEmbedding, rotate_half/apply_rotary_pos_emb, repeat_kv,
eager attention, LlamaMLP, tied lm_head), so Runner's C# model is checked against code no one
here wrote the C# for. The checkpoint has 2 layers, grouped-query attention (4 query heads, 2
key/value heads), llama3 RoPE scaling with a frequency in each of its three bands, tied embeddings
and rms_norm_eps 1e-5; its weights are stored as BF16, as Llama checkpoints ship, and the reference
runs on those BF16 values in float32.

    python3 tools/llama_reference.py tests/Runner.Tests/Model/Pretrained/Fixtures/tiny-llama
    python3 tools/llama_reference.py --check DIR 1,3,4,5    # logits of a `runner export` directory
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch

CONFIG = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama",
    "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
    "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 8,
    "vocab_size": 40, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
    # head_dim 8, theta 1e4: wavelengths 6.3, 63, 628, 6283 -> kept, blended, scaled, scaled.
    "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                     "high_freq_factor": 4.0, "original_max_position_embeddings": 128},
    "tie_word_embeddings": True, "bos_token_id": 38, "eos_token_id": 39,
    "max_position_embeddings": 1024, "hidden_act": "silu", "attention_bias": False,
    "mlp_bias": False, "torch_dtype": "bfloat16",
}
# A byte-level BPE vocabulary like Llama 3's, cut down: digits, some ASCII, "Ġ" (a space).
VOCAB = [str(d) for d in range(10)] + list("+=*-abcdefghijklmnopqrstu") + ["Ġ", "ab", "12"]
assert len(VOCAB) == 38


def weights(c, generator):
    h, f, hd = c["hidden_size"], c["intermediate_size"], c["head_dim"]
    qh, kvh = c["num_attention_heads"], c["num_key_value_heads"]

    def normal(*shape, std):
        return torch.randn(*shape, generator=generator) * std

    w = {"model.embed_tokens.weight": normal(c["vocab_size"], h, std=1.0)}
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        w[p + "self_attn.q_proj.weight"] = normal(qh * hd, h, std=h ** -0.5)
        w[p + "self_attn.k_proj.weight"] = normal(kvh * hd, h, std=h ** -0.5)
        w[p + "self_attn.v_proj.weight"] = normal(kvh * hd, h, std=h ** -0.5)
        w[p + "self_attn.o_proj.weight"] = normal(h, qh * hd, std=(qh * hd) ** -0.5)
        w[p + "mlp.gate_proj.weight"] = normal(f, h, std=h ** -0.5)
        w[p + "mlp.up_proj.weight"] = normal(f, h, std=h ** -0.5)
        w[p + "mlp.down_proj.weight"] = normal(h, f, std=f ** -0.5)
        w[p + "input_layernorm.weight"] = 1 + normal(h, std=0.2)
        w[p + "post_attention_layernorm.weight"] = 1 + normal(h, std=0.2)
    w["model.norm.weight"] = 1 + normal(h, std=0.2)
    # Stored as BF16: the reference computes with exactly the values the file holds.
    return {k: v.to(torch.bfloat16) for k, v in w.items()}


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, t in tensors.items():
        data = t.contiguous().view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": "BF16", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(encoded)))
        out.write(encoded)
        for blob in blobs:
            out.write(blob)


def llama3_inv_freq(c):
    dim, base, s = c["head_dim"], c["rope_theta"], c.get("rope_scaling")
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    if s is None:
        return inv_freq
    if s.get("rope_type", s.get("type")) == "linear":  # _compute_linear_scaling_rope_parameters
        return inv_freq / s["factor"]
    factor, low, high, old = s["factor"], s["low_freq_factor"], s["high_freq_factor"], s["original_max_position_embeddings"]
    low_freq_wavelen, high_freq_wavelen = old / low, old / high
    wavelen = 2 * math.pi / inv_freq
    inv_freq_llama = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
    smooth_factor = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
    is_medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
    return torch.where(is_medium, smoothed, inv_freq_llama)


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def repeat_kv(x, n_rep):
    b, kvh, s, d = x.shape
    return x[:, :, None, :, :].expand(b, kvh, n_rep, s, d).reshape(b, kvh * n_rep, s, d)


def forward(c, w, tokens):
    b, s = tokens.shape
    h, hd = c["hidden_size"], c["head_dim"]
    qh, kvh, eps = c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    w = {k: v.float() for k, v in w.items()}
    x = w["model.embed_tokens.weight"][tokens]
    positions = torch.arange(s).float()[None, :].expand(b, s)
    freqs = (llama3_inv_freq(c)[None, :, None] @ positions[:, None, :]).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos()[:, None], emb.sin()[:, None]
    causal = torch.full((s, s), float("-inf")).triu(1)
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        residual, y = x, rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (y @ w[p + "self_attn.q_proj.weight"].T).view(b, s, qh, hd).transpose(1, 2)
        k = (y @ w[p + "self_attn.k_proj.weight"].T).view(b, s, kvh, hd).transpose(1, 2)
        v = (y @ w[p + "self_attn.v_proj.weight"].T).view(b, s, kvh, hd).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = repeat_kv(k, qh // kvh), repeat_kv(v, qh // kvh)
        scores = q @ k.transpose(2, 3) * hd ** -0.5 + causal
        attended = (torch.softmax(scores, dim=-1, dtype=torch.float32) @ v).transpose(1, 2).reshape(b, s, qh * hd)
        x = residual + attended @ w[p + "self_attn.o_proj.weight"].T
        residual, y = x, rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        mlp = torch.nn.functional.silu(y @ w[p + "mlp.gate_proj.weight"].T) * (y @ w[p + "mlp.up_proj.weight"].T)
        x = residual + mlp @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    return x @ w.get("lm_head.weight", w["model.embed_tokens.weight"]).T  # tied when there is no lm_head


def tokenizer_json():
    specials = [{"id": 38, "content": "<|begin_of_text|>"}, {"id": 39, "content": "<|end_of_text|>"}]
    return {
        "version": "1.0",
        "added_tokens": [dict(t, single_word=False, lstrip=False, rstrip=False, normalized=False, special=True) for t in specials],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": True,
                  "vocab": {t: i for i, t in enumerate(VOCAB)}, "merges": [["a", "b"], ["1", "2"]]},
    }


def read_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header, data = json.loads(f.read(length)), f.read()
    dtypes = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}
    return {name: torch.frombuffer(bytearray(data[e["data_offsets"][0]:e["data_offsets"][1]]), dtype=dtypes[e["dtype"]]).reshape(e["shape"])
            for name, e in header.items() if name != "__metadata__"}


def check(folder, tokens):
    """Prints the reference logits of an exported directory (runner export) for one row of token ids."""
    c = json.loads((Path(folder) / "config.json").read_text())
    c.setdefault("head_dim", c["hidden_size"] // c["num_attention_heads"])
    with torch.no_grad():
        logits = forward(c, read_safetensors(Path(folder) / "model.safetensors"), torch.tensor([tokens]))
    print(json.dumps([[round(float(v), 5) for v in position] for position in logits[0]]))


def main(folder):
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    generator = torch.Generator().manual_seed(26)
    w = weights(CONFIG, generator)
    write_safetensors(out / "model.safetensors", w)
    (out / "config.json").write_text(json.dumps(CONFIG, indent=2) + "\n")
    (out / "tokenizer.json").write_text(json.dumps(tokenizer_json(), indent=2) + "\n")
    tokens = torch.randint(0, CONFIG["vocab_size"], (2, 12), generator=generator)
    with torch.no_grad():
        logits = forward(CONFIG, w, tokens)
    reference = {"tokens": tokens.tolist(), "logits": [[[round(float(v), 7) for v in pos] for pos in row] for row in logits]}
    (out / "reference-logits.json").write_text(json.dumps(reference) + "\n")
    print(f"{out}: {sum(t.numel() for t in w.values())} parameters, logits {list(logits.shape)}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--check":
        # python3 tools/llama_reference.py --check DIR 1,3,4,5: an export's logits, to compare with Runner's.
        check(sys.argv[2], [int(t) for t in sys.argv[3].split(",")])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "tests/Runner.Tests/Model/Pretrained/Fixtures/tiny-llama")
