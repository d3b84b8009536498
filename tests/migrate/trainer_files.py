"""Legacy files written from the trainer facts (../shared/trainer.md), for migrate tests."""

from __future__ import annotations

#: Y0 of trainer.md section 3: a minimal legacy YAML the trainer parses and trains.
Y0 = """\
model:
    name: SemiSupCompletionModel
    loss: {supervised_method: sparse-ssi-silog, supervised_loss_weight: 1.0}
    depth_net: {name: ResNetSAN01, version: 18A}
    params: {crop: '', min_depth: 0.3, max_depth: 100.0, scale_output: top-center}
datasets:
    train:
        dataset: [ncdb]
        path: [/data/ncdb-cls]
        split: [splits/combined_train.json]
        depth_type: [depth_original]
    validation:
        dataset: [ncdb]
        path: [/data/ncdb-cls]
        split: [splits/combined_val.json]
        depth_type: [depth_original]
"""
