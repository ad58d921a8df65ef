#!/usr/bin/python3
"""Write a TINY Moondream model bundle in the real ``.mf`` container format, for tests.

Needs Python 3 with Debian's ``python3-onnx`` and ``python3-numpy``. Run from the repository root::

    /usr/bin/python3 tools/make-tiny-moondream.py

It writes ``src/test/resources/moondream/tiny.mf``, ``tiny.mf.gz``, two variants ``tiny-point.mf.gz`` and
``tiny-bench.mf.gz`` (gzip only, to keep the repository small), and ``tiny.mf.sha256`` for all four. The output
is byte-for-byte deterministic (fixed ONNX metadata, gzip mtime 0 and no file name in the gzip header).

The variants have the same graphs, tokenizer and BOS cache; only config.json differs:

* ``tiny.mf``: the real 0.5B config's shape: caption short/normal, query, detect, and NO point template.
* ``tiny-point.mf.gz``: adds a point template, as a bundle whose config has one (the 2B torch config does).
* ``tiny-bench.mf.gz``: adds a caption length "bench" that never reaches EOS, for the token-overhead benchmark.

Container: ``MOON`` magic, version byte 1, then records of (uint32 BE name length, UTF-8 name, uint64 BE
content length, content), exactly as the official client's ``moonfile.py``. Entries have the same names as the
real 0.5B int8 bundle, and the graphs have the real input/output names, element types (float16 everywhere
except ``input_ids`` int64) and ranks. Only the dimensions are tiny:

    layers L = 2, heads H = 2, head dim = 8, text width D = 16, vision width E = 4,
    vocab V = 336 (incl. <|endoftext|>), logits width = 384, coord/size bins = 1024, image 378x378 -> 729 patches.

The graphs compute nothing learned; they are a small state machine whose answers are known:

* ``text_encoder``: embedding of token t has channel 0 = t and channel 1 = 1 (a "text" flag).
* ``vision_encoder``: 14x14 average pooling (378 -> 27x27 = 729 patches), then RGB -> E channels.
* ``vision_projection``: [1,729,2E] -> [1,729,D]; channel 2 = 1 (an "image" flag), features in channels 8..15.
* ``coord_encoder``: [x] -> channel 3 = 1 ("coord" flag), channel 4 = x.
* ``size_encoder``: [w,h] -> channel 5 = 1 ("size" flag), channel 6 = w, channel 7 = h.
* ``text_decoder``: ``new_kv_cache`` is channels 0..7 of each new input embedding, copied to every layer,
  K/V and head, so the cache remembers what was fed. ``hidden`` is the input with channel 8 = number of coord
  embeddings seen (cache + input) and channel 9 = number of size embeddings seen. ``logits`` is one-hot
  (1.0 at the chosen id, 0 elsewhere) at:
    - if the last input is a size embedding: MARK while fewer than 2 objects are done, else EOS;
    - if the last input is a coord embedding and the coord count is even (a point's y): MARK while fewer than
      2 points are done (count < 4), else EOS; in detect this is the y step, whose logits the loop ignores;
    - otherwise NEXT[prev token, last token], a 2-gram table (prev = the position before the last one,
      taken from the cache when T = 1), EOS for any pair not listed below.
* ``coord_decoder``: one-hot over 1024 bins at COORD_BINS[min(channel 8, 3)].
* ``size_decoder``: [2,1024], one-hot at SIZE_BINS[min(channel 9, 1)] (row 0 width, row 1 height).
* ``initial_kv_cache.npy``: float16 [2,2,1,2,1,8], the BOS token (channel 0 = EOS id, channel 1 = 1).

Known answers with the generation loop of the research spec (greedy argmax, stop at EOS):

* caption short  (template ends " caption", ":")  -> " a red dot"
* caption normal (template ends "ption", ":")     -> " A white dot."
* query          (template ends "Answer", ":")    -> " yes"   (whatever the question)
* detect (prompt ends "\\n\\n", id 628-equivalent) -> two boxes, in bins of 1/1024:
    object 0: x=256 y=512 w=128 h=256 -> x_min 0.1875 y_min 0.375  x_max 0.3125 y_max 0.625
    object 1: x=768 y=256 w=256 h=128 -> x_min 0.625  y_min 0.1875 x_max 0.875  y_max 0.3125
  (point is not in the 0.5B config, as in the real bundle.)
* point (tiny-point only; any object)            -> the two box centres: (0.25, 0.5) and (0.75, 0.25)
* caption bench (tiny-bench only)                -> " dot" repeated until the token limit, never EOS

A loop that mishandles the KV cache (wrong slice, no append) gets other answers or never stops, which is the
point. Before writing anything the script runs that loop on the graphs with a small numpy interpreter (onnx 1.12
has no reference evaluator) and asserts these answers. All token ids are in the tiny tokenizer; its ids differ from GPT-2's, and config.json carries them.
"""

import gzip
import hashlib
import io
import json
import os
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT_DIR = os.path.join("src", "test", "resources", "moondream")
L, H, HD, D, E = 2, 2, 8, 16, 4
LOGITS = 384
BINS = 1024
COORD_BINS = [256, 512, 768, 256]          # x0, y0, x1, y1
SIZE_BINS = [[128, 256], [256, 128]]       # (w, h) of object 0 and 1
N_OBJECTS = 2
F16 = TensorProto.FLOAT16
F32 = TensorProto.FLOAT
I64 = TensorProto.INT64


# ---------------------------------------------------------------- tokenizer (byte-level BPE, GPT-2 style)

def bytes_to_unicode():
    """GPT-2's byte -> printable character map; ids 0..255 follow its order, as in GPT-2's vocab."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_CHARS = bytes_to_unicode()
WORDS = ["\n\n", "Short", " caption", "Ca", "ption", "Long", "Question", "Answer", "Detect", "Point",
         " a", " A", " red", " dot", " white", " yes", " object"]


def build_tokenizer():
    vocab = {}
    for b in sorted(BYTE_CHARS, key=lambda x: list(BYTE_CHARS).index(x)):
        vocab[BYTE_CHARS[b]] = len(vocab)
    merges = []
    for word in WORDS:
        chars = "".join(BYTE_CHARS[b] for b in word.encode("utf-8"))
        cur = chars[0]
        for c in chars[1:]:
            merged = cur + c
            if merged not in vocab:
                merges.append(cur + " " + c)
                vocab[merged] = len(vocab)
            cur = merged
    while len(vocab) < 335:        # pad with unused multi-byte tokens so EOS sits at a fixed id
        filler = "\u0120" + "z" * (len(vocab) - 300 + 2)
        vocab[filler] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    assert len(vocab) == 336
    tok = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [], "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    return vocab, tok


VOCAB, TOKENIZER = build_tokenizer()
V = len(VOCAB)
EOS = VOCAB["<|endoftext|>"]
MARK = VOCAB["\u0120object"]          # any non-EOS id means "another object follows"


def tid(text):
    """Id of a text that is a single token of the tiny vocabulary."""
    return VOCAB["".join(BYTE_CHARS[b] for b in text.encode("utf-8"))]


NL, COLON = tid("\n"), tid(":")
CONFIG = {
    "model_version": 1,
    "templates": {
        "caption": {"short": [NL, NL, tid("Short"), tid(" caption"), COLON],
                    "normal": [NL, NL, tid("Ca"), tid("ption"), COLON]},
        "query": {"prefix": [NL, NL, tid("Question"), COLON], "suffix": [NL, NL, tid("Answer"), COLON]},
        "detect": {"prefix": [NL, NL, tid("Detect"), COLON], "suffix": [tid("\n\n")]},
    },
    "special_tokens": {"bos": EOS, "eos": EOS, "coord": V, "size": V + 1},
}
POINT_CONFIG = json.loads(json.dumps(CONFIG))
POINT_CONFIG["templates"]["point"] = {"prefix": [NL, NL, tid("Point"), COLON], "suffix": [tid("\n\n")]}
BENCH_CONFIG = json.loads(json.dumps(CONFIG))
BENCH_CONFIG["templates"]["caption"]["bench"] = [NL, NL, tid("Long"), COLON]
ANSWERS = {  # (token before ":", answer tokens)
    "short": (tid(" caption"), [" a", " red", " dot"]),
    "normal": (tid("ption"), [" A", " white", " dot", "."]),
    "query": (tid("Answer"), [" yes"]),
}


def next_table():
    table = np.full((V, V), EOS, dtype=np.int16)
    for prev, words in ANSWERS.values():
        seq = [prev, COLON] + [tid(w) for w in words] + [EOS]
        for a, b, c in zip(seq, seq[1:], seq[2:]):
            assert table[a, b] in (EOS, c), "2-gram clash"
            table[a, b] = c
    # The bench caption cycles: "Long" ":" -> " dot", then " dot" after ":" or " dot" forever.
    for a, b in [(tid("Long"), COLON), (COLON, tid(" dot")), (tid(" dot"), tid(" dot"))]:
        assert table[a, b] == EOS, "2-gram clash"
        table[a, b] = tid(" dot")
    table[:, tid("\n\n")] = MARK      # detect/point prompt end: one object follows
    return table.reshape(-1)


# ---------------------------------------------------------------- ONNX graphs

def const(name, arr):
    return numpy_helper.from_array(np.asarray(arr), name)


def model(nodes, inputs, outputs, inits, name):
    graph = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(graph, producer_name="darkroom-tiny-moondream", producer_version="1",
                          opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m.SerializeToString()


def N(op, ins, outs, **kw):
    return helper.make_node(op, ins, outs, name=outs[0] + "_" + op, **kw)


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def text_encoder():
    table = np.zeros((LOGITS, D), np.float16)
    table[:, 0] = np.arange(LOGITS)
    table[:, 1] = 1
    return model([N("Gather", ["table", "input_ids"], ["input_embeds"], axis=0)],
                 [vi("input_ids", I64, [1, "T"])], [vi("input_embeds", F16, [1, "T", D])],
                 [const("table", table)], "text_encoder")


def vision_encoder():
    w = np.zeros((3, E), np.float32)
    w[0, 0] = w[1, 1] = w[2, 2] = 1
    w[:, 3] = 1 / 3
    nodes = [N("Cast", ["input"], ["x32"], to=F32),
             N("AveragePool", ["x32"], ["pooled"], kernel_shape=[14, 14], strides=[14, 14]),
             N("Reshape", ["pooled", "shape"], ["flat"]),
             N("Transpose", ["flat"], ["patches"], perm=[0, 2, 1]),
             N("MatMul", ["patches", "w"], ["y"]),
             N("Cast", ["y"], ["output"], to=F16)]
    return model(nodes, [vi("input", F16, ["N", 3, 378, 378])], [vi("output", F16, ["N", 729, E])],
                 [const("shape", np.array([0, 3, 729], np.int64)), const("w", w)], "vision_encoder")


def vision_projection():
    w = np.zeros((2 * E, D), np.float32)
    for i in range(2 * E):
        w[i, 8 + i] = 1
    b = np.zeros(D, np.float32)
    b[2] = 1
    nodes = [N("Cast", ["input"], ["x32"], to=F32), N("MatMul", ["x32", "w"], ["y"]),
             N("Add", ["y", "b"], ["z"]), N("Cast", ["z"], ["output"], to=F16)]
    return model(nodes, [vi("input", F16, [1, 729, 2 * E])], [vi("output", F16, [1, 729, D])],
                 [const("w", w), const("b", b)], "vision_projection")


def coord_encoder():
    w = np.zeros(D, np.float32)
    w[4] = 1
    b = np.zeros(D, np.float32)
    b[3] = 1
    nodes = [N("Cast", ["input"], ["x32"], to=F32), N("Mul", ["x32", "w"], ["y"]),
             N("Add", ["y", "b"], ["z"]), N("Cast", ["z"], ["output"], to=F16)]
    return model(nodes, [vi("input", F16, [1])], [vi("output", F16, [D])],
                 [const("w", w), const("b", b)], "coord_encoder")


def size_encoder():
    w = np.zeros((2, D), np.float32)
    w[0, 6] = w[1, 7] = 1
    b = np.zeros(D, np.float32)
    b[5] = 1
    nodes = [N("Cast", ["input"], ["x32"], to=F32), N("MatMul", ["x32", "w"], ["y"]),
             N("Add", ["y", "b"], ["z"]), N("Cast", ["z"], ["output"], to=F16)]
    return model(nodes, [vi("input", F16, [2])], [vi("output", F16, [D])],
                 [const("w", w), const("b", b)], "size_encoder")


def one_hot(index, depth, out):
    """Equal(arange, index) cast to float16: a one-hot row without OneHot's narrow kernel type list."""
    return ([N("Equal", ["range_" + out, index], ["eq_" + out]), N("Cast", ["eq_" + out], [out], to=F16)],
            [const("range_" + out, np.arange(depth, dtype=np.int64))])


def head_decoder(channel, table, out_shape, name):
    t = np.asarray(table, np.int64)
    nodes = [N("Cast", ["input"], ["x32"], to=F32),
             N("Gather", ["x32", "ch"], ["count"], axis=0),
             N("Cast", ["count"], ["count_i"], to=I64),
             N("Min", ["count_i", "maxi"], ["idx"]),
             N("Gather", ["bins", "idx"], ["bin"], axis=0),
             N("Unsqueeze", ["bin", "ax_last"], ["bin_col"])]
    oh, inits = one_hot("bin_col", BINS, "output")
    inits += [const("ch", np.array(channel, np.int64)), const("maxi", np.array(len(t) - 1, np.int64)),
              const("bins", t), const("ax_last", np.array([-1], np.int64))]
    return model(nodes + oh, [vi("input", F16, [D])], [vi("output", F16, out_shape)], inits, name)


def text_decoder():
    nodes = [
        N("Cast", ["input_embeds"], ["x"], to=F32),                       # [1,T,D]
        N("Cast", ["kv_cache"], ["kv"], to=F32),                          # [L,2,1,H,P,HD]
        # new_kv_cache: channels 0..7 of the input, copied to every layer, K/V and head
        N("Slice", ["x", "s0", "s8", "ax2"], ["x8"]),
        N("Reshape", ["x8", "kv_shape"], ["x8r"]),
        N("Expand", ["x8r", "kv_expand"], ["nkv"]),
        N("Cast", ["nkv"], ["new_kv_cache"], to=F16),
        # counts of coord (channel 3) and size (channel 5) embeddings in cache + input
        N("Slice", ["kv", "z4", "o4", "ax0123"], ["kv0"]),               # [1,1,1,1,P,HD]
        N("Reshape", ["kv0", "rows_hd"], ["kvrows"]),                    # [P,HD]
        N("Reshape", ["x", "rows"], ["xrows"]),                          # [T,D]
        N("Slice", ["xrows", "s0", "s8", "ax1"], ["xrows8"]),
        N("Concat", ["kvrows", "xrows8"], ["all"], axis=0),              # [P+T,HD]
        N("Gather", ["all", "flag_ch"], ["flags"], axis=1),              # [P+T,2]
        N("ReduceSum", ["flags", "ax0"], ["counts"], keepdims=0),        # [2] = (ncoord, nsize)
        N("MatMul", ["counts", "count_w"], ["count_vec"]),               # [D]
        N("Mul", ["x", "keep"], ["xk"]),
        N("Add", ["xk", "count_vec"], ["h32"]),
        N("Cast", ["h32"], ["hidden"], to=F16),
        # logits: size embedding last -> MARK/EOS by object count; else 2-gram table on token ids
        N("Gather", ["all", "ch0"], ["ids_f"], axis=1),                  # [P+T]
        N("Slice", ["ids_f", "m2", "big", "ax0"], ["pair_f"]),           # [2] = (prev, last)
        N("Cast", ["pair_f"], ["pair_raw"], to=I64),
        N("Min", ["pair_raw", "vmax"], ["pair"]),                       # ids past the vocab -> EOS row
        N("Mul", ["pair", "pair_w"], ["pair_k"]),
        N("ReduceSum", ["pair_k", "ax0"], ["key"], keepdims=0),
        N("Gather", ["next", "key"], ["next16"], axis=0),
        N("Cast", ["next16"], ["text_next"], to=I64),
        N("Gather", ["counts", "one"], ["nsize"], axis=0),
        N("Less", ["nsize", "nobj"], ["more"]),
        N("Where", ["more", "mark", "eos"], ["obj_next"]),
        N("Gather", ["all", "m1"], ["last_row"], axis=0),                # [HD]
        N("Gather", ["last_row", "five"], ["last_size"], axis=0),
        N("Greater", ["last_size", "half"], ["is_size"]),
        # a point's y (coord last, even coord count): MARK while fewer than N_OBJECTS points, else EOS
        N("Gather", ["counts", "ch0"], ["ncoord"], axis=0),
        N("Cast", ["ncoord"], ["ncoord_i"], to=I64),
        N("Mod", ["ncoord_i", "two"], ["parity"]),
        N("Equal", ["parity", "ch0"], ["even"]),
        N("Gather", ["last_row", "three"], ["last_coord"], axis=0),
        N("Greater", ["last_coord", "half"], ["is_coord"]),
        N("And", ["is_coord", "even"], ["is_point"]),
        N("Less", ["ncoord", "npoint_coords"], ["more_points"]),
        N("Where", ["more_points", "mark", "eos"], ["point_next"]),
        N("Where", ["is_point", "point_next", "text_next"], ["word_next"]),
        N("Where", ["is_size", "obj_next", "word_next"], ["tok"]),
        N("Unsqueeze", ["tok", "ax0"], ["tok1"]),
        N("Unsqueeze", ["tok1", "ax0"], ["tok2"]),                      # [1,1]
    ]
    oh, inits = one_hot("tok2", LOGITS, "logits")
    keep = np.ones(D, np.float32)
    keep[8] = keep[9] = 0
    count_w = np.zeros((2, D), np.float32)
    count_w[0, 8] = count_w[1, 9] = 1
    i64 = lambda v: np.array(v, np.int64)
    inits += [
        const("s0", i64([0])), const("s8", i64([HD])), const("ax2", i64([2])), const("ax1", i64([1])),
        const("ax0", i64([0])), const("kv_shape", i64([1, 1, 1, 1, -1, HD])),
        const("kv_expand", i64([L, 2, 1, H, 1, 1])), const("z4", i64([0, 0, 0, 0])),
        const("o4", i64([1, 1, 1, 1])), const("ax0123", i64([0, 1, 2, 3])), const("rows", i64([-1, D])),
        const("flag_ch", i64([3, 5])), const("count_w", count_w), const("keep", keep),
        const("ch0", i64(0)), const("m2", i64([-2])), const("big", i64([1 << 40])),
        const("pair_w", i64([V, 1])), const("next", next_table()), const("one", i64(1)),
        const("nobj", np.array(N_OBJECTS, np.float32)), const("mark", i64(MARK)), const("eos", i64(EOS)),
        const("m1", i64(-1)), const("vmax", i64(V - 1)), const("five", i64(5)), const("half", np.array(0.5, np.float32)),
    ]
    inits.append(const("rows_hd", i64([-1, HD])))
    inits += [const("two", i64(2)), const("three", i64(3)),
              const("npoint_coords", np.array(2 * N_OBJECTS, np.float32))]
    return model(nodes + oh,
                 [vi("input_embeds", F16, [1, "T", D]), vi("kv_cache", F16, [L, 2, 1, H, "P", HD])],
                 [vi("logits", F16, [1, LOGITS]), vi("hidden", F16, [1, "T", D]),
                  vi("new_kv_cache", F16, [L, 2, 1, H, "T", HD])], inits, "text_decoder")


def initial_kv_cache():
    kv = np.zeros((L, 2, 1, H, 1, HD), np.float16)
    kv[..., 0] = EOS
    kv[..., 1] = 1
    buf = io.BytesIO()
    np.save(buf, kv, allow_pickle=False)
    return buf.getvalue()


# ---------------------------------------------------------------- container

def moonfile(entries):
    out = bytearray(b"MOON") + struct.pack("!B", 1)
    for name, content in entries:
        raw = name.encode("utf-8")
        out += struct.pack("!I", len(raw)) + raw + struct.pack("!Q", len(content)) + content
    return bytes(out)


# ---------------------------------------------------------------- self-check: run the graphs, check the answers
# onnx 1.12 has no reference evaluator and Debian has no onnxruntime, so a minimal numpy interpreter for exactly
# the ops used above runs the generation loop of the research spec and asserts the documented known answers.

NP_TYPES = {F16: np.float16, F32: np.float32, I64: np.int64}


def run(model_bytes, feeds):
    m = onnx.load_from_string(model_bytes)
    env = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    env.update(feeds)
    for n in m.graph.node:
        a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        x = [env[i] for i in n.input]
        op = n.op_type
        if op == "Cast":
            y = x[0].astype(NP_TYPES[a["to"]])
        elif op == "Slice":
            sl = [slice(None)] * x[0].ndim
            for st, en, ax in zip(x[1], x[2], x[3]):
                sl[ax] = slice(int(st), int(en))
            y = x[0][tuple(sl)]
        elif op == "Reshape":
            shape = [x[0].shape[i] if d == 0 else int(d) for i, d in enumerate(x[1])]
            y = x[0].reshape(shape)
        elif op == "Expand":
            y = np.broadcast_to(x[0], np.broadcast_shapes(x[0].shape, tuple(x[1]))).copy()
        elif op == "Gather":
            y = np.take(x[0], x[1], axis=a.get("axis", 0))
        elif op == "Concat":
            y = np.concatenate(x, axis=a["axis"])
        elif op == "ReduceSum":
            y = np.sum(x[0], axis=tuple(int(i) for i in x[1]), keepdims=bool(a.get("keepdims", 1)))
        elif op == "Unsqueeze":
            y = np.expand_dims(x[0], tuple(int(i) for i in x[1]))
        elif op == "Transpose":
            y = np.transpose(x[0], a["perm"])
        elif op == "AveragePool":
            k = a["kernel_shape"][0]
            nn, c, hh, ww = x[0].shape
            y = x[0].reshape(nn, c, hh // k, k, ww // k, k).mean(axis=(3, 5))
        else:
            y = {"MatMul": np.matmul, "Mul": np.multiply, "Add": np.add, "Min": np.minimum, "Less": np.less,
                 "Greater": np.greater, "Equal": np.equal, "Where": np.where, "Mod": np.mod,
                 "And": np.logical_and}[op](*x)
        env[n.output[0]] = np.asarray(y)
    outs = {o.name: env[o.name] for o in m.graph.output}
    for o in m.graph.output:   # element type and rank as declared
        t = o.type.tensor_type
        assert outs[o.name].dtype == NP_TYPES[t.elem_type], o.name
        assert outs[o.name].ndim == len(t.shape.dim), o.name
    return outs


def self_check(g, kv0_bytes):
    kv0 = np.load(io.BytesIO(kv0_bytes))
    img = run(g["vision_encoder.onnx"], {"input": np.full((1, 3, 378, 378), 0.5, np.float16)})["output"]
    feat = np.concatenate([img[0], img[0]], axis=-1)[None]          # global crop only: [global | global]
    emb = run(g["vision_projection.onnx"], {"input": feat})["output"]
    upd = run(g["text_decoder.onnx"], {"input_embeds": emb, "kv_cache": kv0})["new_kv_cache"]
    cache = np.concatenate([kv0, upd], axis=4)
    assert cache.shape[4] == 730

    def decode(kv, h):
        out = run(g["text_decoder.onnx"], {"input_embeds": h, "kv_cache": kv})
        return np.concatenate([kv, out["new_kv_cache"]], axis=4), out

    def text(ids):
        return run(g["text_encoder.onnx"], {"input_ids": np.array([ids], np.int64)})["input_embeds"]

    def generate(prompt):
        kv, h, toks = cache, text(prompt), []
        while len(toks) < 20:
            kv, out = decode(kv, h)
            t = int(np.argmax(out["logits"][0]))
            if t == EOS:
                return toks
            toks.append(t)
            h = text([t])
        raise AssertionError("no EOS")

    t = CONFIG["templates"]
    for key, prompt in [("short", t["caption"]["short"]), ("normal", t["caption"]["normal"]),
                        ("query", t["query"]["prefix"] + [tid(" object")] + t["query"]["suffix"])]:
        assert generate(prompt) == [tid(w) for w in ANSWERS[key][1]], key

    kv, h, boxes = cache, text(t["detect"]["prefix"] + [tid(" red"), tid(" dot")] + t["detect"]["suffix"]), []
    while len(boxes) < 50:
        kv, out = decode(kv, h)
        if int(np.argmax(out["logits"][0])) == EOS:
            break
        x = np.argmax(run(g["coord_decoder.onnx"], {"input": out["hidden"][0, -1]})["output"]) / 1024
        h = run(g["coord_encoder.onnx"], {"input": np.array([x], np.float16)})["output"][None, None]
        kv, out = decode(kv, h)
        y = np.argmax(run(g["coord_decoder.onnx"], {"input": out["hidden"][0, -1]})["output"]) / 1024
        h = run(g["coord_encoder.onnx"], {"input": np.array([y], np.float16)})["output"][None, None]
        kv, out = decode(kv, h)
        s = run(g["size_decoder.onnx"], {"input": out["hidden"][0, -1]})["output"]
        w, hh = np.argmax(s[0]) / 1024, np.argmax(s[1]) / 1024
        h = run(g["size_encoder.onnx"], {"input": np.array([w, hh], np.float16)})["output"][None, None]
        boxes.append((x - w / 2, y - hh / 2, x + w / 2, y + hh / 2))
    assert boxes == [(0.1875, 0.375, 0.3125, 0.625), (0.625, 0.1875, 0.875, 0.3125)], boxes

    p = POINT_CONFIG["templates"]["point"]
    kv, h, points = cache, text(p["prefix"] + [tid(" red"), tid(" dot")] + p["suffix"]), []
    while len(points) < 50:
        kv, out = decode(kv, h)
        if int(np.argmax(out["logits"][0])) == EOS:
            break
        x = np.argmax(run(g["coord_decoder.onnx"], {"input": out["hidden"][0, -1]})["output"]) / 1024
        h = run(g["coord_encoder.onnx"], {"input": np.array([x], np.float16)})["output"][None, None]
        kv, out = decode(kv, h)
        y = np.argmax(run(g["coord_decoder.onnx"], {"input": out["hidden"][0, -1]})["output"]) / 1024
        h = run(g["coord_encoder.onnx"], {"input": np.array([y], np.float16)})["output"][None, None]
        points.append((x, y))
    assert points == [(0.25, 0.5), (0.75, 0.25)], points

    kv, h = cache, text(BENCH_CONFIG["templates"]["caption"]["bench"])
    for _ in range(30):
        kv, out = decode(kv, h)
        t = int(np.argmax(out["logits"][0]))
        assert t == tid(" dot"), t
        h = text([t])


def gzipped(data):
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, compresslevel=9, mtime=0) as f:
        f.write(data)
    return gz.getvalue()


def main():
    entries = [
        ("vision_encoder.onnx", vision_encoder()),
        ("vision_projection.onnx", vision_projection()),
        ("text_encoder.onnx", text_encoder()),
        ("text_decoder.onnx", text_decoder()),
        ("coord_encoder.onnx", coord_encoder()),
        ("coord_decoder.onnx", head_decoder(8, COORD_BINS, [BINS], "coord_decoder")),
        ("size_encoder.onnx", size_encoder()),
        ("size_decoder.onnx", head_decoder(9, SIZE_BINS, [2, BINS], "size_decoder")),
        ("tokenizer.json", json.dumps(TOKENIZER, ensure_ascii=False, sort_keys=False).encode("utf-8")),
        ("config.json", json.dumps(CONFIG).encode("utf-8")),
        ("initial_kv_cache.npy", initial_kv_cache()),
    ]
    self_check(dict(entries), dict(entries)["initial_kv_cache.npy"])

    def with_config(config):
        return moonfile([(n, json.dumps(config).encode("utf-8") if n == "config.json" else c) for n, c in entries])

    data = moonfile(entries)
    os.makedirs(OUT_DIR, exist_ok=True)
    files = {"tiny.mf": data, "tiny.mf.gz": gzipped(data),
             "tiny-point.mf.gz": gzipped(with_config(POINT_CONFIG)),
             "tiny-bench.mf.gz": gzipped(with_config(BENCH_CONFIG))}
    for name, content in files.items():
        with open(os.path.join(OUT_DIR, name), "wb") as f:
            f.write(content)
    with open(os.path.join(OUT_DIR, "tiny.mf.sha256"), "w") as f:
        for name, content in files.items():
            f.write(hashlib.sha256(content).hexdigest() + "  " + name + "\n")
    for name, content in entries:
        print(f"{len(content):8d}  {name}")
    for name, content in files.items():
        print(f"{len(content):8d}  {name}  sha256 {hashlib.sha256(content).hexdigest()}")


if __name__ == "__main__":
    main()
