"""Records what Hugging Face's CLIP / LLaVA-NeXT image processor (its PIL backend) makes of a few seeded images.

The Java runtime's "shortest-edge-bicubic" preprocessing must reproduce these pixel values
(lacy-onnx-adapter's ImagePreprocessorTest reads the JSON this writes). Run from the repository root:

    pip install -r tools/requirements.txt
    python tools/record_image_processor.py lacy-onnx-adapter/src/test/resources/image-processor/clip-pil.json
"""
import json
import sys

import numpy as np
from PIL import Image
from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
# (width, height, size): a downscale of a wide image, of a tall one, a strong downscale (the filter widens), an upscale
CASES = [(20, 12, 8), (17, 30, 8), (64, 48, 16), (10, 10, 16)]


def main(out_path):
    rng = np.random.default_rng(2026)
    records = []
    for width, height, size in CASES:
        rgb = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        processor = CLIPImageProcessorPil(size={"shortest_edge": size}, crop_size={"height": size, "width": size},
                                          do_center_crop=True, resample=Image.BICUBIC, image_mean=MEAN, image_std=STD)
        pixels = processor(images=Image.fromarray(rgb), return_tensors="np")["pixel_values"][0]
        records.append({"width": width, "height": height, "size": size, "rgb": rgb.reshape(-1).tolist(),
                        "pixelValues": [round(float(v), 7) for v in pixels.reshape(-1)]})
    with open(out_path, "w") as f:
        json.dump({"processor": "transformers CLIPImageProcessorPil (shortest edge, bicubic, center crop)",
                   "mean": MEAN, "std": STD, "cases": records}, f)


if __name__ == "__main__":
    main(sys.argv[1])
