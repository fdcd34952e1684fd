"""Training the neural tagger (`khabar.entities.nnmodel`) with PyTorch, a training-only extra (`pip install khabar[train]`).

Deterministic: seeded shuffling and initialisation, `torch.use_deterministic_algorithms`, a fixed
number of threads. The network is exported to plain numpy arrays (`nnmodel.NeuralWeights`) after
every epoch and scored on held-out sentences with the numpy tagger itself, so the model kept is
the one that is shipped, bit for bit.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from khabar.entities.crfmodel import CrfWeights, viterbi_many
from khabar.entities.features import FeatureExtractor, TaggerFeatures
from khabar.entities.nnmodel import NeuralScorer, NeuralWeights, WordTypeInputs
from khabar.training.evaluate import score

Sentences = Sequence[Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class NetConfig:
    """Shape and training schedule of the network."""

    feat_dim: int = 64
    hidden: int = 192
    dilations: tuple[int, ...] = (1, 2, 1)
    min_feat_count: int = 2
    dropout_in: float = 0.5
    dropout_h: float = 0.3
    feat_drop: float = 0.1  # chance that a sparse feature of a word type is hidden in a training batch
    epochs: int = 40
    batch: int = 32
    lr: float = 2e-3
    weight_decay: float = 0.0
    patience: int = 8
    decay: bool = True  # learning rate falls linearly to zero over `epochs`
    seed: int = 0
    threads: int = 1
    extra: Mapping[str, object] = field(default_factory=dict)


def _seeded(torch, seed: int, threads: int) -> np.random.Generator:
    """Make a training run repeatable: torch seeded, deterministic, on `threads` threads; the
    numpy generator for the run's own draws."""
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    return np.random.default_rng(seed)


def feature_vocabulary(inputs_words: Sequence[str], counts: Mapping[str, int], extractor: FeatureExtractor,
                       min_count: int) -> list[str]:
    """Sparse feature strings seen on at least `min_count` training tokens, sorted."""
    fc: Counter[str] = Counter()
    for w in inputs_words:
        for k, v in extractor.final_props(w).items():
            fc[f"{k}={v}"] += counts[w]
    return sorted(f for f, n in fc.items() if n >= min_count)


class _Net:
    """The torch twin of `nnmodel.NeuralScorer` (built lazily so torch is imported only here)."""

    def __init__(self, emb: np.ndarray, n_feats: int, n_labels: int, cfg: NetConfig, ctx_dim: int = 0):
        import torch
        from torch import nn

        self.torch = torch
        self.cfg = cfg
        dim_e = emb.shape[1]
        mod = nn.Module()
        mod.emb = nn.Embedding.from_pretrained(torch.from_numpy(emb), freeze=True)
        mod.feat = nn.EmbeddingBag(n_feats, cfg.feat_dim, mode="sum")
        nn.init.normal_(mod.feat.weight, std=0.1)
        mod.lin0 = nn.Linear(2 * dim_e + cfg.feat_dim, cfg.hidden)
        mod.convs = nn.ModuleList(nn.Conv1d(cfg.hidden, cfg.hidden, 3, dilation=d, padding=d) for d in cfg.dilations)
        mod.out = nn.Linear(cfg.hidden, n_labels)
        mod.ctx_proj = nn.Linear(ctx_dim, cfg.hidden, bias=False) if ctx_dim else None
        mod.trans = nn.Parameter(torch.zeros(n_labels, n_labels))
        mod.start = nn.Parameter(torch.zeros(n_labels))
        mod.end = nn.Parameter(torch.zeros(n_labels))
        self.mod = mod
        self.drop_in = nn.Dropout(cfg.dropout_in)
        self.drop_h = nn.Dropout(cfg.dropout_h)

    def type_vectors(self, rows_f, rows_s, feat_ids, feat_offsets):
        torch, m = self.torch, self.mod
        x = torch.cat([m.emb(rows_f), m.emb(rows_s), m.feat(feat_ids, feat_offsets)], dim=1)
        return torch.relu(m.lin0(self.drop_in(x)))

    def emissions(self, h0, tok, mask, ctx=None):
        """h0: (types, H); tok: (B, L) type rows; mask: (B, L) float; ctx: (B, L, context dim) or None."""
        torch, m = self.torch, self.mod
        mk = mask.unsqueeze(2)
        h = h0[tok] * mk
        for i, conv in enumerate(m.convs):
            z = torch.relu(conv(self.drop_h(h).transpose(1, 2))).transpose(1, 2) * mk
            h = h + z
            if i == 0 and ctx is not None:  # after the first layer, whose input is cached per word type
                h = h + m.ctx_proj(self.drop_h(ctx)) * mk
        return m.out(self.drop_h(h))

    def nll(self, em, tags, mask):
        """Mean over sentences of the CRF negative log-likelihood."""
        torch, m = self.torch, self.mod
        b, length, _ = em.shape
        lengths = mask.sum(1).long()
        gold = em.gather(2, tags.unsqueeze(2)).squeeze(2)
        score = (gold * mask).sum(1) + m.start[tags[:, 0]]
        if length > 1:
            score = score + (m.trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
        score = score + m.end[tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)]
        alpha = m.start + em[:, 0]
        for t in range(1, length):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + m.trans + em[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t:t + 1] > 0, nxt, alpha)
        log_z = torch.logsumexp(alpha + m.end, dim=1)
        return (log_z - score).mean()

    def export(self, base: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        m = self.mod

        def arr(t) -> np.ndarray:
            return t.detach().cpu().numpy().astype(np.float32)

        out = dict(base)
        # The sparse-feature table is most of a network's size: stored in half precision.
        out.update(feat_emb=arr(m.feat.weight).astype(np.float16), w0=arr(m.lin0.weight).T.copy(), b0=arr(m.lin0.bias),
                   out_w=arr(m.out.weight).T.copy(), out_b=arr(m.out.bias), trans=arr(m.trans),
                   start=arr(m.start), end=arr(m.end),
                   dilations=np.asarray(self.cfg.dilations, dtype=np.int64))
        for i, conv in enumerate(m.convs):
            w = arr(conv.weight)  # (out, in, 3)
            out[f"conv{i}_w"] = np.ascontiguousarray(w.transpose(2, 1, 0))  # (3, in, out)
            out[f"conv{i}_b"] = arr(conv.bias)
        if m.ctx_proj is not None:
            out["ctx_proj"] = arr(m.ctx_proj.weight).T.copy()
        return out


def train_network(train: Sentences, dev: Sentences, resources: TaggerFeatures, emb_words: Sequence[str],
                  emb: np.ndarray, cfg: NetConfig, log=print, ctx: Mapping[str, np.ndarray] | None = None
                  ) -> tuple[dict[str, np.ndarray], dict]:
    """Fit the network on `train`, keep the epoch with the best micro F1 on `dev`; (arrays, report).

    `ctx`, the arrays of a pretrained context model (`pretrain_context`), adds its hidden vector of
    each token to the network's input (the context model itself stays fixed).
    """
    import torch

    rng = _seeded(torch, cfg.seed, cfg.threads)
    t0 = time.perf_counter()

    extractor = FeatureExtractor(resources)
    counts = Counter(t for s in train for t, _ in s)
    types = sorted(counts)
    feat_names = feature_vocabulary(types, counts, extractor, cfg.min_feat_count)
    emb_q, emb_scale = quantize_rows(emb)
    emb_deq = np.vstack([emb_q.astype(np.float32) * emb_scale[:, None], np.zeros((1, emb.shape[1]), np.float32)])
    inputs = WordTypeInputs(extractor, emb_words, feat_names, resources.freq)
    type_row = {w: i for i, w in enumerate(types)}
    t_f, t_s, t_feats = [], [], []
    for w in types:
        a, b, feats = inputs.of(w)
        t_f.append(a)
        t_s.append(b)
        t_feats.append(np.asarray(feats, dtype=np.int64))
    t_f_arr, t_s_arr = np.asarray(t_f), np.asarray(t_s)
    labels = sorted({g for s in train for _, g in s})
    lab = {g: i for i, g in enumerate(labels)}
    sent_types = [np.asarray([type_row[t] for t, _ in s]) for s in train]
    sent_tags = [np.asarray([lab[g] for _, g in s]) for s in train]

    ctx_vecs = None
    if ctx is not None:
        emb_index = {w: i for i, w in enumerate(emb_words)}
        ctx_vecs = context_vectors([[t for t, _ in s] for s in train], ctx, emb_deq[:-1], emb_index)
    net = _Net(emb_deq, len(feat_names), len(labels), cfg, ctx_dim=0 if ctx is None else len(ctx["ctx_b"]))
    params = [p for p in net.mod.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    n_batches = len(length_batches(sent_types, cfg.batch, np.random.default_rng(0)))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: max(0.0, 1.0 - step / (cfg.epochs * n_batches)) if cfg.decay else 1.0)
    base = {"labels": join_strings(labels), "emb_words": join_strings(emb_words),
            "feat_names": join_strings(feat_names), "emb_q": emb_q, "emb_scale": emb_scale, **(ctx or {})}
    dev_tokens = [[t for t, _ in s] for s in dev]
    dev_gold = [[g for _, g in s] for s in dev]
    best: tuple[float, int] = (-1.0, -1)
    best_arrays: dict[str, np.ndarray] = {}
    history = []
    for epoch in range(cfg.epochs):
        net.mod.train()
        net.drop_in.train()
        net.drop_h.train()
        total = 0.0
        for ids in length_batches(sent_types, cfg.batch, rng):
            uniq, inv = np.unique(np.concatenate([sent_types[j] for j in ids]), return_inverse=True)
            feats = [t_feats[u] for u in uniq]
            if cfg.feat_drop:
                feats = [f[rng.random(len(f)) >= cfg.feat_drop] for f in feats]
            offsets = np.cumsum([0] + [len(f) for f in feats[:-1]])
            h0 = net.type_vectors(torch.from_numpy(t_f_arr[uniq]), torch.from_numpy(t_s_arr[uniq]),
                                  torch.from_numpy(np.concatenate(feats).astype(np.int64)),
                                  torch.from_numpy(offsets.astype(np.int64)))
            length = max(len(sent_types[j]) for j in ids)
            tok = np.zeros((len(ids), length), dtype=np.int64)
            tags = np.zeros((len(ids), length), dtype=np.int64)
            mask = np.zeros((len(ids), length), dtype=np.float32)
            cx = None if ctx_vecs is None else np.zeros((len(ids), length, ctx_vecs[0].shape[1]), np.float32)
            pos = 0
            for r, j in enumerate(ids):
                n = len(sent_types[j])
                tok[r, :n] = inv[pos:pos + n]
                tags[r, :n] = sent_tags[j]
                mask[r, :n] = 1.0
                if cx is not None:
                    cx[r, :n] = ctx_vecs[j]
                pos += n
            em = net.emissions(h0, torch.from_numpy(tok), torch.from_numpy(mask),
                               None if cx is None else torch.from_numpy(cx))
            loss = net.nll(em, torch.from_numpy(tags), torch.from_numpy(mask))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(ids)
        net.mod.eval()
        net.drop_in.eval()
        net.drop_h.eval()
        with torch.no_grad():
            arrays = net.export(base)
        f1 = dev_f1(arrays, extractor, resources, dev_tokens, dev_gold, labels)
        history.append({"epoch": epoch + 1, "loss": round(total / len(train), 4), "dev_micro_f1": f1,
                        "seconds": round(time.perf_counter() - t0, 1)})
        log(history[-1])
        if f1 > best[0]:
            best, best_arrays = (f1, epoch + 1), arrays
        elif epoch + 1 - best[1] >= cfg.patience:
            break
    report = {"dev_micro_f1": best[0], "best_epoch": best[1], "history": history,
              "features": len(feat_names), "train_types": len(types), "labels": labels,
              "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(cfg).items()},
              "seconds": round(time.perf_counter() - t0, 1)}
    return best_arrays, report


def length_batches(sents: Sequence[np.ndarray], size: int, rng: np.random.Generator, pool: int = 20
                   ) -> list[np.ndarray]:
    """Shuffled batches of sentences of similar length (little padding): sorted within random pools."""
    order = rng.permutation(len(sents))
    batches = []
    for p in range(0, len(order), size * pool):
        chunk = sorted(order[p:p + size * pool], key=lambda j: len(sents[j]))
        batches.extend(np.asarray(chunk[i:i + size]) for i in range(0, len(chunk), size))
    return [batches[k] for k in rng.permutation(len(batches))]


def dev_f1(arrays: Mapping[str, np.ndarray], extractor: FeatureExtractor, resources: TaggerFeatures,
           tokens: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], labels: Sequence[str]) -> float:
    """Micro F1 of the exported arrays, decoded by the numpy scorer."""
    weights = NeuralWeights(arrays)
    scorer = NeuralScorer(weights, WordTypeInputs(extractor, weights.emb_words, weights.feat_names, resources.freq))
    mats = []
    for i in range(0, len(tokens), 256):
        mats.extend(scorer.score_many(tokens[i:i + 256]))
    pred = [[labels[k] for k in p] for p in viterbi_many(mats, weights.trans)]
    return score(gold, pred)["micro_f1"]


def save_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write the network's arrays (npz, compressed)."""
    np.savez_compressed(path, **arrays)


def join_strings(items: Sequence[str]) -> np.ndarray:
    """Strings (without newlines) as one uint8 array, for npz files read without pickle
    (`nnmodel.split_strings` reads them back)."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8).copy()


def quantize_rows(mat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 rows with one float32 scale each."""
    scale = np.maximum(np.abs(mat).max(axis=1), 1e-12) / 127.0
    q = np.clip(np.rint(mat / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


VECTOR_KEYS = ("emb_words", "emb_q", "emb_scale", "ctx_w", "ctx_b", "ctx_offsets")


def split_arrays(arrays: Mapping[str, np.ndarray]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(shared word-vector arrays, the network's own arrays) of an exported network."""
    shared = {k: v for k, v in arrays.items() if k in VECTOR_KEYS}
    return shared, {k: v for k, v in arrays.items() if k not in VECTOR_KEYS}


def save_crf_npz(weights: CrfWeights, path: str | Path) -> None:
    """A compact copy of CRF weights (`CrfWeights.from_npz` reads it): attribute names, non-zero
    state weights (float32), transitions."""
    rows, cols = np.nonzero(weights.state[:-1])
    names = sorted(weights.attrs, key=weights.attrs.__getitem__)
    np.savez_compressed(
        path, labels=np.frombuffer("\n".join(weights.labels).encode(), dtype=np.uint8),
        attrs=np.frombuffer(b"\n".join(names), dtype=np.uint8), rows=rows.astype(np.int32),
        cols=cols.astype(np.int8), vals=weights.state[rows, cols].astype(np.float32),
        trans=weights.trans.astype(np.float32))


CTX_OFFSETS = (-3, -2, -1, 1, 2, 3)


@dataclass(frozen=True)
class ContextConfig:
    """The context model: a word's cluster guessed from its neighbours' vectors (never the word itself)."""

    dim: int = 64
    positions: int = 4_000_000  # training positions sampled from the unlabelled news
    batch: int = 512
    lr: float = 2e-3
    seed: int = 0
    threads: int = 1


def pretrain_context(ids: np.ndarray, emb: np.ndarray, targets: np.ndarray, cfg: ContextConfig, log=print
                     ) -> dict[str, np.ndarray]:
    """Fit the context model on unlabelled text; returns `ctx_w` (taps, vector dim, dim) and `ctx_b`.

    `ids` are corpus word ids (-1 between documents), `emb` the word vectors of the first ids (rows
    past it count as unknown: zeros), `targets` a cluster number per word id (-1: none).
    """
    import torch
    from torch import nn

    rng = _seeded(torch, cfg.seed, cfg.threads)
    t0 = time.perf_counter()
    n_emb = len(emb)
    doc = np.cumsum(ids < 0)
    valid = np.flatnonzero((ids >= 0) & (ids < len(targets)))
    valid = valid[targets[ids[valid]] >= 0]
    pos = np.sort(rng.choice(valid, size=min(cfg.positions, len(valid)), replace=False))
    pos = pos[rng.permutation(len(pos))]
    table = torch.from_numpy(np.vstack([emb, np.zeros((1, emb.shape[1]), np.float32)]))
    n_cls = int(targets.max()) + 1
    taps = len(CTX_OFFSETS)
    lin = nn.Linear(taps * emb.shape[1], cfg.dim)
    head = nn.Linear(cfg.dim, n_cls)
    params = [*lin.parameters(), *head.parameters()]
    opt = torch.optim.Adam(params, lr=cfg.lr)
    n = len(ids)
    total, seen = 0.0, 0
    for b in range(0, len(pos), cfg.batch):
        p = pos[b:b + cfg.batch]
        cols = []
        for off in CTX_OFFSETS:
            q = np.clip(p + off, 0, n - 1)
            w = ids[q]
            ok = (doc[q] == doc[p]) & (w >= 0) & (w < n_emb)
            cols.append(np.where(ok, w, n_emb))
        x = table[torch.from_numpy(np.stack(cols, axis=1))].reshape(len(p), -1)
        logits = head(torch.relu(lin(x)))
        loss = nn.functional.cross_entropy(logits, torch.from_numpy(targets[ids[p]]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += float(loss.detach()) * len(p)
        seen += len(p)
        if (b // cfg.batch) % 1000 == 999:
            log({"context_positions": seen, "loss": round(total / seen, 4),
                 "seconds": round(time.perf_counter() - t0, 1)})
            total, seen = 0.0, 0
    w = lin.weight.detach().numpy().astype(np.float32)  # (dim, taps * vector)
    ctx_w = np.ascontiguousarray(w.reshape(cfg.dim, taps, emb.shape[1]).transpose(1, 2, 0))
    return {"ctx_w": ctx_w, "ctx_b": lin.bias.detach().numpy().astype(np.float32),
            "ctx_offsets": np.asarray(CTX_OFFSETS, dtype=np.int64)}


def context_vectors(sents: Sequence[Sequence[str]], ctx: Mapping[str, np.ndarray], emb: np.ndarray,
                    emb_index: Mapping[str, int]) -> list[np.ndarray]:
    """The context model's hidden vector for every token of every sentence (zeros past the edges)."""
    from khabar.lang.normalize import fold

    out = []
    unk = len(emb)
    table = np.vstack([emb, np.zeros((1, emb.shape[1]), np.float32)])
    offs = [int(o) for o in ctx["ctx_offsets"]]
    reach = max(abs(o) for o in offs)
    for s in sents:
        rows = np.asarray([unk] * reach + [emb_index.get(fold(t) or t, unk) for t in s] + [unk] * reach)
        x = table[rows]
        n = len(s)
        z = np.tile(ctx["ctx_b"], (n, 1)).astype(np.float32)
        for k, o in enumerate(offs):
            z += x[reach + o:reach + o + n] @ ctx["ctx_w"][k]
        out.append(np.maximum(z, 0.0))
    return out
