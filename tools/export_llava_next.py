"""Exports a Hugging Face LLaVA-NeXT model to a LACY model package, and records what transformers answers.

A model package (docs/model-package.md) holds three ONNX graphs -- vision (pixel_values -> the packed image
features, LLaVA-NeXT's tiles and image_newline included), embedding (input_ids + image_features -> inputs_embeds,
the image first) and decoder (inputs_embeds + attention_mask + position_ids + a grouped-query KV cache -> logits and
the new cache) -- with the tokenizer and a manifest whose prompt layout (chat template, start token, the image at its
placeholder) and image preprocessing (shortest edge, PIL bicubic, centre crop) are the processor's.

    pip install -r tools/requirements.txt    # and torch, onnx, onnxruntime, onnxscript (see tools/README.md)
    python tools/export_llava_next.py --fixture lacy-onnx-adapter/src/test/resources/llava-next-gqa

--fixture builds a seeded random-weight LLaVA-NeXT whose language model is a Mistral with grouped-query attention
(8 heads, 2 key-value heads), a character-level tokenizer, exports it, and writes expected.json: transformers' greedy
tokens and L2C logits for a few prompts on one image. The Java test (LlavaNextFixtureTest) must reproduce them.
The export assumes square images (LACY's top-down images are): a square image's anyres tile is its base image, so
the vision graph takes one image and repeats it as the tile.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

SEED = 2026
SIZE = 28
TEMPLATE = "USER: {prompt} ASSISTANT:"
PROMPTS = ["<image>\nWhere is the lemon?\n", "<image>\nPick the red block.\n"]
L2C_PREFIX = "<image>\nAre these consistent? "
# the prompts `lacy act` and `lacy verify` build (LacyPromptFormat; the Java test checks they still are)
ACT_INSTRUCTION = "Pick the lemon and place it in the center"
ACT_PROMPT = '<image>\nL2A: give the pick and place points for the instruction "' + ACT_INSTRUCTION + '".\n'
ACT_TOKENS = 200
VERIFY = ("Pick the lemon and place it in the center", "Grab the lemon and put it in the center")
VERIFY_PROMPT = ('<image>\nL2C: are the instructions "' + VERIFY[0] + '" and "' + VERIFY[1]
                 + '" consistent? Answer 1 or 0.\n')
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def character_tokenizer():
    """A character-level tokenizer (tokenizers' BPE without merges): pieces of a text encode as the whole does."""
    from tokenizers import AddedToken, Tokenizer, decoders, models
    chars = [chr(c) for c in range(32, 127)] + ["\n"]
    special = ["<unk>", "<s>", "</s>", "<image>", "<pad>"]
    vocab = {t: i for i, t in enumerate(special + chars)}
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token="<unk>"))
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in special])
    tokenizer.decoder = decoders.Fuse()
    return tokenizer, vocab


def fixture_model(vocab_size, image_token_id, pad_id):
    from transformers import CLIPVisionConfig, LlavaNextConfig, LlavaNextForConditionalGeneration, MistralConfig
    torch.manual_seed(SEED)
    vision = CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                              image_size=SIZE, patch_size=14, projection_dim=32)
    text = MistralConfig(vocab_size=vocab_size, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=8, num_key_value_heads=2, head_dim=8, max_position_embeddings=512,
                         pad_token_id=pad_id, bos_token_id=1, eos_token_id=2, sliding_window=None)
    config = LlavaNextConfig(vision_config=vision, text_config=text, image_token_id=image_token_id,
                             image_grid_pinpoints=[[SIZE, SIZE]], vision_feature_layer=-2,
                             vision_feature_select_strategy="default", projector_hidden_act="gelu")
    model = LlavaNextForConditionalGeneration(config)
    with torch.no_grad():
        # random, and large enough that the image matters to the logits
        for p in model.parameters():
            p.normal_(0, 0.2)
    model.config.text_config._attn_implementation = "eager"
    model.config.vision_config._attn_implementation = "eager"
    model.eval()
    return model


def processor_pixels(image):
    from transformers.models.llava_next.image_processing_pil_llava_next import LlavaNextImageProcessorPil
    processor = LlavaNextImageProcessorPil(size={"shortest_edge": SIZE}, crop_size={"height": SIZE, "width": SIZE},
                                           image_grid_pinpoints=[[SIZE, SIZE]], image_mean=CLIP_MEAN, image_std=CLIP_STD,
                                           resample=Image.BICUBIC, do_pad=True)
    out = processor(images=image, return_tensors="np")
    return torch.tensor(out["pixel_values"]), torch.tensor(out["image_sizes"])


class Vision(torch.nn.Module):
    """pixel_values [1, 3, S, S] -> the packed image features [1, k, hidden] of a square image."""

    def __init__(self, model, image_sizes):
        super().__init__()
        self.model = model.model
        self.image_sizes = [list(map(int, s)) for s in image_sizes.tolist()]

    def forward(self, pixel_values):
        tiles = torch.stack([pixel_values[0], pixel_values[0]], dim=0).unsqueeze(0)
        out = self.model.get_image_features(tiles, self.image_sizes, vision_feature_layer=-2,
                                            vision_feature_select_strategy="default", return_dict=True)
        return torch.cat(out.pooler_output, dim=0).unsqueeze(0)


class Embedding(torch.nn.Module):
    """input_ids [b, n] + image_features [b, k, hidden] -> inputs_embeds [b, k + n, hidden], the image first."""

    def __init__(self, model):
        super().__init__()
        self.embed = model.model.get_input_embeddings()

    def forward(self, input_ids, image_features):
        return torch.cat([image_features, self.embed(input_ids)], dim=1)


class Decoder(torch.nn.Module):
    """The language model with an explicit KV cache: past_key_values.<i>.key|value [b, kvHeads, past, headSize]."""

    def __init__(self, model, layers):
        super().__init__()
        self.language_model = model.model.language_model
        self.lm_head = model.lm_head
        self.layers = layers

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        from transformers import DynamicCache
        cache = DynamicCache(config=self.language_model.config)
        for i in range(self.layers):
            cache.update(past[2 * i], past[2 * i + 1], i)
        out = self.language_model(inputs_embeds=inputs_embeds, attention_mask=attention_mask, position_ids=position_ids,
                                  past_key_values=cache, use_cache=True)
        logits = self.lm_head(out.last_hidden_state)
        presents = []
        for i in range(self.layers):
            layer = out.past_key_values.layers[i]
            presents += [layer.keys, layer.values]
        return (logits, *presents)


def export(model, image_sizes, out_dir, vocab):
    import transformers.models.llava_next.modeling_llava_next as llava_next
    # unpadding a square image's features removes nothing (checked here, eagerly, with transformers' own function); it
    # does not trace (it rounds sizes in Python), so the export uses the identity it is for these sizes
    grid = model.config.vision_config.image_size // model.config.vision_config.patch_size
    probe = torch.zeros(model.config.text_config.hidden_size, grid, grid)
    if llava_next.unpad_image(probe, image_sizes[0].tolist()).shape != probe.shape:
        sys.exit("unpadding this image's features is not the identity: the export supports square images only")
    original_unpad = llava_next.unpad_image
    llava_next.unpad_image = lambda tensor, original_size: tensor
    try:
        return export_graphs(model, image_sizes, out_dir)
    finally:
        llava_next.unpad_image = original_unpad


def export_graphs(model, image_sizes, out_dir):
    text = model.config.text_config
    layers, kv_heads, head_dim, hidden = text.num_hidden_layers, text.num_key_value_heads, text.head_dim, text.hidden_size
    pixels = torch.zeros(1, 3, SIZE, SIZE)
    torch.onnx.export(Vision(model, image_sizes), (pixels,), os.path.join(out_dir, "vision.onnx"), dynamo=False,
                      input_names=["pixel_values"], output_names=["image_features"], opset_version=17)
    k = Vision(model, image_sizes)(pixels).shape[1]
    torch.onnx.export(Embedding(model), (torch.zeros(1, 3, dtype=torch.long), torch.zeros(1, k, hidden)),
                      os.path.join(out_dir, "embedding.onnx"), dynamo=False,
                      input_names=["input_ids", "image_features"], output_names=["inputs_embeds"], opset_version=17,
                      dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                    "image_features": {0: "batch", 1: "image_tokens"},
                                    "inputs_embeds": {0: "batch", 1: "total"}})
    past = []
    names, dynamic = [], {"inputs_embeds": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "total"},
                          "position_ids": {0: "batch", 1: "length"}, "logits": {0: "batch", 1: "length"}}
    outputs = ["logits"]
    for i in range(layers):
        for kind in ("key", "value"):
            past.append(torch.zeros(1, kv_heads, 2, head_dim))
            names.append(f"past_key_values.{i}.{kind}")
            outputs.append(f"present.{i}.{kind}")
            dynamic[names[-1]] = {0: "batch", 2: "past"}
            dynamic[outputs[-1]] = {0: "batch", 2: "total"}
    torch.onnx.export(Decoder(model, layers), (torch.zeros(1, 3, hidden), torch.ones(1, 5, dtype=torch.long),
                                               torch.tensor([[2, 3, 4]]), *past),
                      os.path.join(out_dir, "decoder.onnx"), dynamo=False,
                      input_names=["inputs_embeds", "attention_mask", "position_ids", *names], output_names=outputs,
                      dynamic_axes=dynamic, opset_version=17)
    return k


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_manifest(out_dir, model, k):
    text = model.config.text_config
    files = ["vision.onnx", "embedding.onnx", "decoder.onnx", "tokenizer.json"]
    manifest = {
        "formatVersion": 1, "name": "llava-next-gqa-fixture",
        "graphs": {"vision": "vision.onnx", "embedding": "embedding.onnx", "decoder": "decoder.onnx"},
        "decoder": {"layers": text.num_hidden_layers, "heads": text.num_attention_heads, "headSize": text.head_dim,
                    "maxPositions": text.max_position_embeddings, "kvHeads": text.num_key_value_heads,
                    "hidden": text.hidden_size},
        "tokenizer": "tokenizer.json",
        "specialTokens": {"endOfSequence": "</s>", "image": "<image>", "positive": "1", "negative": "0"},
        "image": {"size": SIZE, "mean": CLIP_MEAN, "std": CLIP_STD, "resize": "shortest-edge-bicubic"},
        "prompt": {"template": TEMPLATE, "startToken": "<s>", "image": "placeholder"},
        "chainOfThought": False, "adapters": {}, "tasks": {},
        "sha256": {f: sha256(os.path.join(out_dir, f)) for f in files},
    }
    with open(os.path.join(out_dir, "lacy-model.json"), "w") as f:
        json.dump(manifest, f, indent=2)


def hf_ids(vocab, tokenizer, text_before, text_after, k):
    before = [vocab["<s>"]] + tokenizer.encode(text_before, add_special_tokens=False).ids
    after = tokenizer.encode(text_after, add_special_tokens=False).ids
    return torch.tensor([before + [vocab["<image>"]] * k + after])


def greedy(model, tokenizer, vocab, prompt, pixel_values, image_sizes, k, steps):
    text = TEMPLATE.replace("{prompt}", prompt)
    at = text.index("<image>")
    ids = hf_ids(vocab, tokenizer, text[:at], text[at + len("<image>"):], k)
    with torch.no_grad():
        generated = model.generate(input_ids=ids, pixel_values=pixel_values, image_sizes=image_sizes,
                                   attention_mask=torch.ones_like(ids), max_new_tokens=steps, do_sample=False,
                                   eos_token_id=vocab["</s>"], pad_token_id=vocab["<pad>"])
    new = generated[0, ids.shape[1]:].tolist()
    if vocab["</s>"] in new:
        new = new[:new.index(vocab["</s>"])]
    return {"prompt": prompt, "tokens": new, "text": tokenizer.decode(new, skip_special_tokens=True)}


def last_logits(model, tokenizer, vocab, prompt, pixel_values, image_sizes, k):
    text = TEMPLATE.replace("{prompt}", prompt)
    at = text.index("<image>")
    ids = hf_ids(vocab, tokenizer, text[:at], text[at + len("<image>"):], k)
    with torch.no_grad():
        logits = model(input_ids=ids, pixel_values=pixel_values, image_sizes=image_sizes,
                       attention_mask=torch.ones_like(ids)).logits[0, -1]
    return {"positive": float(logits[vocab["1"]]), "negative": float(logits[vocab["0"]])}


def record(model, tokenizer, vocab, image, pixel_values, image_sizes, k, out_dir, steps):
    args = (pixel_values, image_sizes, k)
    expected = {"image": {"width": image.width, "height": image.height, "rgb": np.asarray(image).reshape(-1).tolist()},
                "maxNewTokens": steps,
                "generate": [greedy(model, tokenizer, vocab, p, *args, steps) for p in PROMPTS],
                "l2c": {"prefix": L2C_PREFIX, **last_logits(model, tokenizer, vocab, L2C_PREFIX, *args)},
                "act": {"instruction": ACT_INSTRUCTION, "maxNewTokens": ACT_TOKENS,
                        **greedy(model, tokenizer, vocab, ACT_PROMPT, *args, ACT_TOKENS)},
                "verify": {"first": VERIFY[0], "second": VERIFY[1], "prompt": VERIFY_PROMPT,
                           **last_logits(model, tokenizer, vocab, VERIFY_PROMPT, *args)}}
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(expected, f)
    return expected


def verify(out_dir, tokenizer, vocab, pixel_values, expected, k):
    """Runs the exported graphs as the Java runtime does (image at the placeholder, KV cache) and compares with transformers."""
    import onnxruntime as ort
    vision = ort.InferenceSession(os.path.join(out_dir, "vision.onnx"))
    embedding = ort.InferenceSession(os.path.join(out_dir, "embedding.onnx"))
    decoder = ort.InferenceSession(os.path.join(out_dir, "decoder.onnx"))
    with open(os.path.join(out_dir, "lacy-model.json")) as f:
        shape = json.load(f)["decoder"]
    features = vision.run(None, {"pixel_values": pixel_values[:, 0].numpy()})[0]
    hidden = features.shape[-1]
    no_image = np.zeros((1, 0, hidden), dtype=np.float32)
    for case in expected["generate"]:
        text = TEMPLATE.replace("{prompt}", case["prompt"])
        at = text.index("<image>")
        before = [vocab["<s>"]] + tokenizer.encode(text[:at], add_special_tokens=False).ids
        after = tokenizer.encode(text[at + len("<image>"):], add_special_tokens=False).ids
        head = embedding.run(None, {"input_ids": np.array([before]), "image_features": no_image})[0]
        rest = embedding.run(None, {"input_ids": np.array([after]), "image_features": features})[0]
        embeds = np.concatenate([head, rest], axis=1)
        past = {f"past_key_values.{i}.{kind}": np.zeros((1, shape["kvHeads"], 0, shape["headSize"]), dtype=np.float32)
                for i in range(shape["layers"]) for kind in ("key", "value")}
        tokens, position = [], 0
        for _ in range(expected["maxNewTokens"]):
            n = embeds.shape[1]
            outputs = decoder.run(None, {"inputs_embeds": embeds, "attention_mask": np.ones((1, position + n), dtype=np.int64),
                                         "position_ids": np.arange(position, position + n)[None], **past})
            position += n
            token = int(np.argmax(outputs[0][0, -1]))
            if token == vocab["</s>"]:
                break
            tokens.append(token)
            names = [o.name for o in decoder.get_outputs()]
            past = {name.replace("present", "past_key_values"): value for name, value in zip(names[1:], outputs[1:])}
            embeds = embedding.run(None, {"input_ids": np.array([[token]]), "image_features": no_image})[0]
        if tokens != case["tokens"]:
            sys.exit(f"the exported graphs answer {tokens}, transformers {case['tokens']} for {case['prompt']!r}")
    print("verified: the exported graphs give transformers' greedy tokens", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixture", required=True, help="directory to write the fixture package and expected.json to")
    parser.add_argument("--steps", type=int, default=12)
    args = parser.parse_args()
    os.makedirs(args.fixture, exist_ok=True)
    tokenizer, vocab = character_tokenizer()
    tokenizer.save(os.path.join(args.fixture, "tokenizer.json"))
    model = fixture_model(len(vocab), vocab["<image>"], vocab["<pad>"])
    rng = np.random.default_rng(SEED)
    image = Image.fromarray(rng.integers(0, 256, (40, 40, 3), dtype=np.uint8))
    pixel_values, image_sizes = processor_pixels(image)
    if not torch.equal(pixel_values[0, 0], pixel_values[0, 1]):
        sys.exit("the processor's tile of a square image is not its base image: the vision graph's assumption fails")
    k = export(model, image_sizes, args.fixture, vocab)
    write_manifest(args.fixture, model, k)
    expected = record(model, tokenizer, vocab, image, pixel_values, image_sizes, k, args.fixture, args.steps)
    verify(args.fixture, tokenizer, vocab, pixel_values, expected, k)
    print(json.dumps({"imageTokens": k, "generate": [c["text"] for c in expected["generate"]], "l2c": expected["l2c"]}))


if __name__ == "__main__":
    main()
