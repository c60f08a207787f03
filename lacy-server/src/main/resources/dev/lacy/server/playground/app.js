// The playground: plain JavaScript against the server's own API (no build step, nothing fetched from elsewhere).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { scenes: [], image: null, imageBase64: null };

function headers(json) {
  const h = json ? { "Content-Type": "application/json" } : {};
  const token = sessionStorage.getItem("lacy-token");
  if (token) h["Authorization"] = "Bearer " + token;
  return h;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? { headers: headers(false) }
    : { method: "POST", headers: headers(true), body: JSON.stringify(body) });
  if (response.status === 401) {
    $("token-row").hidden = false;
    throw new Error("this server needs a bearer token: enter it and try again");
  }
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { const e = await response.json(); message = e.error + " (" + e.field + ")"; } catch (ignored) { }
    throw new Error(message);
  }
  return response;
}

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function toBase64(buffer) {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function useImage(buffer, type) {
  state.imageBase64 = toBase64(buffer);
  const url = URL.createObjectURL(new Blob([buffer], { type }));
  state.image = await new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("the browser cannot show this image"));
    img.src = url;
  });
  draw(null);
}

async function loadScene(id) {
  const scene = state.scenes.find((s) => s.id === id);
  if (!scene) return;
  const response = await api(scene.image);
  await useImage(await response.arrayBuffer(), "image/png");
  $("instruction").value = scene.instruction;
  clearAnswers();
}

function clearAnswers() {
  for (const id of ["grounding", "action", "explanation", "confidence"]) $(id).textContent = "–";
  $("raw").textContent = "";
  delete $("canvas").dataset.pick;
  delete $("canvas").dataset.place;
}

function draw(cycle) {
  const canvas = $("canvas");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  if (state.image) g.drawImage(state.image, 0, 0, canvas.width, canvas.height);
  if (!cycle) return;
  const px = (p) => [p.x * canvas.width, p.y * canvas.height];
  g.font = "13px system-ui, sans-serif";
  g.lineWidth = 2;
  for (const o of cycle.action.grounding || []) {
    const [x, y] = px(o);
    g.strokeStyle = "#1f4fbf";
    g.beginPath(); g.arc(x, y, 4, 0, 2 * Math.PI); g.stroke();
    g.fillStyle = "rgba(255,255,255,0.85)";
    const w = g.measureText(o.name).width;
    g.fillRect(x + 6, y - 14, w + 6, 17);
    g.fillStyle = "#1f4fbf";
    g.fillText(o.name, x + 9, y - 1);
  }
  if (cycle.action.pick) {
    const [x, y] = px(cycle.action.pick);
    g.strokeStyle = "#12a150"; g.lineWidth = 4;
    g.beginPath(); g.arc(x, y, 13, 0, 2 * Math.PI); g.stroke();
    canvas.dataset.pick = cycle.action.pick.x.toFixed(3) + "," + cycle.action.pick.y.toFixed(3);
  }
  if (cycle.action.place) {
    const [x, y] = px(cycle.action.place);
    g.strokeStyle = "#d11a2a"; g.lineWidth = 4;
    g.beginPath(); g.moveTo(x - 11, y - 11); g.lineTo(x + 11, y + 11); g.moveTo(x + 11, y - 11); g.lineTo(x - 11, y + 11); g.stroke();
    canvas.dataset.place = cycle.action.place.x.toFixed(3) + "," + cycle.action.place.y.toFixed(3);
  }
}

function show(cycle) {
  const a = cycle.action;
  $("grounding").textContent = (a.grounding || []).map((o) => o.name + " (" + o.x.toFixed(2) + ", " + o.y.toFixed(2) + ")").join("; ") || "–";
  $("action").textContent = a.pick
    ? "pick (" + a.pick.x.toFixed(3) + ", " + a.pick.y.toFixed(3) + "), place (" + a.place.x.toFixed(3) + ", " + a.place.y.toFixed(3) + ")"
    : "malformed: " + a.malformed;
  const d = cycle.description;
  $("explanation").textContent = !d ? "–" : d.instruction ? d.instruction : "malformed: " + d.malformed;
  const c = cycle.consistency;
  $("confidence").textContent = c ? (100 * c.confidence).toFixed(1) + " % " + (c.consistent ? "consistent" : "not consistent") : "–";
  $("raw").textContent = ["L2A: " + a.completion, d ? "A2L: " + d.completion : "", c && c.reasoning ? "L2C: " + c.reasoning : ""]
    .filter((s) => s).join("\n\n");
  draw(cycle);
}

async function run() {
  const instruction = $("instruction").value.trim();
  if (!state.imageBase64) { status("choose a scene or an image first", true); return; }
  if (!instruction) { status("type an instruction", true); return; }
  $("run").disabled = true;
  status("thinking…");
  const started = performance.now();
  try {
    const response = await api("/v1/cycle", { image: state.imageBase64, instruction });
    show(await response.json());
    status("answered in " + Math.round(performance.now() - started) + " ms");
  } catch (e) {
    status(e.message, true);
  } finally {
    $("run").disabled = false;
  }
}

async function start() {
  $("run").addEventListener("click", run);
  $("instruction").addEventListener("keydown", (e) => { if (e.key === "Enter") run(); });
  $("scene").addEventListener("change", () => loadScene($("scene").value).catch((e) => status(e.message, true)));
  $("token").addEventListener("change", () => { sessionStorage.setItem("lacy-token", $("token").value); start(); });
  $("upload").addEventListener("change", async () => {
    const file = $("upload").files[0];
    if (!file) return;
    try { await useImage(await file.arrayBuffer(), file.type); clearAnswers(); $("scene").value = ""; }
    catch (e) { status(e.message, true); }
  });
  try {
    const model = await (await api("/v1/model")).json();
    $("model").textContent = "model " + model.name + (model.chainOfThought ? ", chain of thought" : "");
    state.scenes = await (await api("/v1/scenes")).json();
    const select = $("scene");
    select.innerHTML = "";
    for (const s of state.scenes) {
      const option = document.createElement("option");
      option.value = s.id;
      option.textContent = s.kind + " " + s.id;
      select.appendChild(option);
    }
    if (state.scenes.length > 0) await loadScene(state.scenes[0].id);
    status(state.scenes.length + " scenes; ready");
    document.body.dataset.ready = "true";
  } catch (e) {
    status(e.message, true);
  }
}

start();
