#!/usr/bin/env python3
"""The same GRU as Clickcast.Torch in Debian's PyTorch (python3-torch 1.13), on the same chains, as a peer.

Usage: torch_gru.py CHAINS_FILE --torch-threads N --runs R
Thread counts are set explicitly: OPENBLAS_NUM_THREADS must be in the environment before this starts (the
benchmark passes it, and pins the BLAS kernel with OPENBLAS_CORETYPE), torch.set_num_threads(N) is called here.
Prints one JSON line: {"train": [seq/s per run], "score": [seq/s per run], "peak_rss_kib": N, "blas_core": name},
blas_core being what the loaded OpenBLAS says it runs (openblas_get_corename), or "unknown" without OpenBLAS.

Model: embedding(vocab, 64, padding 0) ++ time features -> GRU(64+F, 128, 1 layer) -> state at each chain's true
length (gathered) -> linear -> logit; Adam 1e-3, BCE with logits and positive weight, length-bucketed batches of
256 (shuffled order), the second of two epochs timed. Scoring: length-sorted batches of 1024, no grad, packed.
"""
import argparse
import ctypes
import json
import os
import random
import struct
import sys
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


def read_chains(path):
    chains = []
    with open(path, "rb") as f:
        count, features, vocab = struct.unpack("<iii", f.read(12))
        for _ in range(count):
            (length,) = struct.unpack("<i", f.read(4))
            ids = list(struct.unpack(f"<{length}i", f.read(4 * length)))
            feats = list(struct.unpack(f"<{length * features}f", f.read(4 * length * features)))
            (label,) = struct.unpack("<B", f.read(1))
            chains.append((ids, feats, label))
    return chains, features, vocab


class Net(nn.Module):
    def __init__(self, vocab, features):
        super().__init__()
        self.embedding = nn.Embedding(vocab, 64, padding_idx=0)
        self.gru = nn.GRU(64 + features, 128, num_layers=1, batch_first=True)
        self.output = nn.Linear(128, 1)

    def forward(self, ids, feats, lengths, packed=False):
        x = torch.cat([self.embedding(ids), feats], dim=2)
        if packed:
            _, h = self.gru(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=True))
            state = h[-1]
        else:
            out, _ = self.gru(x)
            state = out[torch.arange(out.shape[0]), lengths - 1]
        return self.output(state).squeeze(1)


def batch(chains, features, indices):
    longest = max(len(chains[i][0]) for i in indices)
    ids = torch.zeros((len(indices), longest), dtype=torch.long)
    feats = torch.zeros((len(indices), longest, features))
    lengths = torch.tensor([len(chains[i][0]) for i in indices], dtype=torch.long)
    labels = torch.tensor([float(chains[i][2]) for i in indices])
    for row, i in enumerate(indices):
        n = len(chains[i][0])
        ids[row, :n] = torch.tensor(chains[i][0])
        feats[row, :n] = torch.tensor(chains[i][1]).view(n, features)
    return ids, feats, lengths, labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chains")
    parser.add_argument("--torch-threads", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.torch_threads)
    core = blas_core()
    print(f"peer BLAS: {core} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})", file=sys.stderr)
    chains, features, vocab = read_chains(args.chains)
    order = sorted(range(len(chains)), key=lambda i: len(chains[i][0]))
    buckets = [order[s:s + 256] for s in range(0, len(order), 256)]
    # Batches are built once, like Clickcast's batch plan: the timing is the network's, not Python's list handling.
    train_batches = [batch(chains, features, b) for b in buckets]
    score_batches = [batch(chains, features, list(reversed(order[s:s + 1024]))) for s in range(0, len(order), 1024)]
    positives = sum(c[2] for c in chains)
    pos_weight = torch.tensor((len(chains) - positives) / max(1, positives))
    train_rates, score_rates = [], []
    for run in range(args.runs):
        torch.manual_seed(run + 1)
        random.seed(run + 1)
        model = Net(vocab, features)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
        for epoch in range(2):
            random.shuffle(train_batches)
            model.train()
            started = time.perf_counter()
            for ids, feats, lengths, labels in train_batches:
                optimizer.zero_grad()
                loss = loss_fn(model(ids, feats, lengths), labels)
                loss.backward()
                optimizer.step()
            elapsed = time.perf_counter() - started
        train_rates.append(len(chains) / elapsed)
        model.eval()
        with torch.no_grad():
            for ids, feats, lengths, _ in score_batches[:2]:
                model(ids, feats, lengths, packed=True)
            started = time.perf_counter()
            for ids, feats, lengths, _ in score_batches:
                model(ids, feats, lengths, packed=True)
            score_rates.append(len(chains) / (time.perf_counter() - started))
        print(f"peer run {run}: train {train_rates[-1]:.0f} seq/s, score {score_rates[-1]:.0f} seq/s", file=sys.stderr)
    print(json.dumps({"train": train_rates, "score": score_rates, "peak_rss_kib": peak_rss_kib(), "blas_core": core}))


def blas_core():
    """The kernel the OpenBLAS loaded into this process runs: Debian's 0.3.21 falls back to the generic
    "Prescott" on CPUs it does not recognise, which halves the peer's speed on some AVX-512 machines."""
    torch.zeros(2, 2) @ torch.zeros(2, 2)  # make sure the BLAS is loaded
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    for path in paths + [None]:  # None: the symbol wherever the process has it
        try:
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode()
        except (OSError, AttributeError):
            continue
    return "unknown"



def peak_rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


if __name__ == "__main__":
    main()
