// equipcheck: the only script. Everything works without it; it adds drag-and-drop and upload progress, and
// keyboard shortcuts on the review queue.
"use strict";

function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("file");
  const progress = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const button = document.getElementById("upload-button");
  // The page's language: the form carries its messages (data-msg-*), English when it does not.
  const msg = (name, fallback) => form.dataset[name] || fallback;
  ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, () => zone.classList.remove("dragging")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      status.textContent = msg("msgReady", "Ready:") + " " + input.files[0].name;
    }
  });
  form.addEventListener("submit", (e) => {
    if (!input.files.length) return;
    e.preventDefault();
    // XMLHttpRequest rather than fetch: only it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    progress.hidden = false;
    progress.value = 0;
    button.disabled = true;
    status.textContent = msg("msgUploading", "Uploading") + " " + input.files[0].name + "…";
    xhr.upload.addEventListener("progress", (p) => {
      if (p.lengthComputable) progress.value = Math.round((p.loaded / p.total) * 100);
    });
    xhr.upload.addEventListener("load", () => {
      progress.removeAttribute("value");
      status.textContent = msg("msgChecking", "Uploaded. Checking every line against the control lists…");
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
        window.location.assign(xhr.responseURL);
        return;
      }
      const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      const detail = doc.querySelector(".error-detail");
      status.textContent = msg("msgNotStored", "Not stored:") + " " + (detail ? detail.textContent : xhr.status);
      progress.hidden = true;
      button.disabled = false;
    });
    xhr.addEventListener("error", () => {
      status.textContent = msg("msgUnreachable", "The upload failed: the server could not be reached.");
      progress.hidden = true;
      button.disabled = false;
    });
    xhr.send(new FormData(form));
  });
}

function setupShortcuts() {
  const queue = document.querySelector("[data-shortcuts]");
  if (!queue) return;
  document.addEventListener("keydown", (e) => {
    const tag = (e.target && e.target.tagName) || "";
    if (e.ctrlKey || e.metaKey || e.altKey || ["INPUT", "TEXTAREA", "SELECT"].includes(tag)) return;
    const target = document.querySelector('[data-key="' + e.key + '"]');
    if (!target) return;
    e.preventDefault();
    if (target.tagName === "A") {
      target.click();
      return;
    }
    // A decision button: start with its justification (nothing is sent without a click).
    const field = target.form && target.form.querySelector("textarea, select");
    (field || target).focus();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  setupShortcuts();
});
