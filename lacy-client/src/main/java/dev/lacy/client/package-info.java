/**
 * A model served by {@code lacy serve}, on the client's side: {@link dev.lacy.client.LacyClient} implements the
 * {@code VisionLanguageModel} port over HTTP, {@link dev.lacy.client.RemoteModelLoader} the {@code ModelLoader} port, so
 * that an application swaps a local model for a served one by binding another loader. {@link dev.lacy.client.WireFormat}
 * and {@link dev.lacy.client.ImageCodec} are the JSON and image encodings both sides use (docs/serving.md).
 */
package dev.lacy.client;
