"""Greedy decode speed of a model package's source model in transformers and of the package in Python ONNX Runtime.

The Java side is `lacy bench decode --model DIR`; run both on the same machine, one after the other:

    python tools/bench_decode.py --fixture lacy-onnx-adapter/src/test/resources/llava-next-gqa --tokens 128

--fixture rebuilds the seeded LLaVA-NeXT of export_llava_next.py (the same weights) for the transformers side.
Both sides decode the L2A prompt `lacy bench decode` uses, greedily, batch 1, with a KV cache, for exactly --tokens
new tokens (no end of sequence), best of five after a warm-up.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from PIL import Image

import export_llava_next as ex

PROMPT = '<image>\nL2A: give the pick and place points for the instruction "Pick the lemon and place it in the center of the workspace".\n'


def best_rate(run, tokens):
    run()
    best = 0.0
    for _ in range(5):
        started = time.perf_counter()
        run()
        best = max(best, tokens / (time.perf_counter() - started))
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    tokenizer, vocab = ex.character_tokenizer()
    model = ex.fixture_model(len(vocab), vocab["<image>"], vocab["<pad>"])
    image = Image.fromarray(np.full((64, 64, 3), (0x88, 0x99, 0xaa), dtype=np.uint8))
    pixel_values, image_sizes = ex.processor_pixels(image)
    k = 10
    text = ex.TEMPLATE.replace("{prompt}", PROMPT)
    at = text.index("<image>")
    ids = ex.hf_ids(vocab, tokenizer, text[:at], text[at + len("<image>"):], k)

    def hf():
        with torch.no_grad():
            model.generate(input_ids=ids, pixel_values=pixel_values, image_sizes=image_sizes,
                           attention_mask=torch.ones_like(ids), max_new_tokens=args.tokens, min_new_tokens=args.tokens,
                           do_sample=False, pad_token_id=vocab["<pad>"])

    import onnxruntime as ort
    d = args.fixture
    vision = ort.InferenceSession(os.path.join(d, "vision.onnx"))
    embedding = ort.InferenceSession(os.path.join(d, "embedding.onnx"))
    decoder = ort.InferenceSession(os.path.join(d, "decoder.onnx"))
    with open(os.path.join(d, "lacy-model.json")) as f:
        shape = json.load(f)["decoder"]
    names = [o.name for o in decoder.get_outputs()]

    def onnx():
        features = vision.run(None, {"pixel_values": pixel_values[:, 0].numpy()})[0]
        no_image = np.zeros((1, 0, features.shape[-1]), dtype=np.float32)
        before = [vocab["<s>"]] + tokenizer.encode(text[:at], add_special_tokens=False).ids
        after = tokenizer.encode(text[at + len("<image>"):], add_special_tokens=False).ids
        embeds = np.concatenate([embedding.run(None, {"input_ids": np.array([before]), "image_features": no_image})[0],
                                 embedding.run(None, {"input_ids": np.array([after]), "image_features": features})[0]], axis=1)
        past = {f"past_key_values.{i}.{kind}": np.zeros((1, shape["kvHeads"], 0, shape["headSize"]), dtype=np.float32)
                for i in range(shape["layers"]) for kind in ("key", "value")}
        position = 0
        for _ in range(args.tokens):
            n = embeds.shape[1]
            out = decoder.run(None, {"inputs_embeds": embeds, "attention_mask": np.ones((1, position + n), dtype=np.int64),
                                     "position_ids": np.arange(position, position + n)[None], **past})
            position += n
            token = int(np.argmax(out[0][0, -1]))
            past = {name.replace("present", "past_key_values"): value for name, value in zip(names[1:], out[1:])}
            embeds = embedding.run(None, {"input_ids": np.array([[token]]), "image_features": no_image})[0]

    print(json.dumps({"benchmark": "decode", "tokens": args.tokens,
                      "transformersTokensPerSecond": round(best_rate(hf, args.tokens), 1),
                      "pythonOnnxRuntimeTokensPerSecond": round(best_rate(onnx, args.tokens), 1)}))


if __name__ == "__main__":
    main()
