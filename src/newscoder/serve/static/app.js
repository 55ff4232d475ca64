// newscoder review app: conveniences only. Every page works without this file.
"use strict";

// Article page: a click on an event card shows that event's spans in the text.
function focusEvent(id) {
  const text = document.getElementById("text");
  if (!text) return;
  text.classList.add("has-focus");
  for (const el of text.querySelectorAll("span[data-e]")) {
    el.classList.toggle("focus", el.dataset.e.split(" ").includes(id));
  }
  for (const card of document.querySelectorAll(".card[data-e]")) {
    card.classList.toggle("focus", card.dataset.e === id);
  }
  const first = text.querySelector("span.focus");
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

for (const card of document.querySelectorAll(".card[data-e]")) {
  card.addEventListener("click", (event) => {
    if (event.target.closest("a") && !event.target.closest("a.focus-link")) return;
    event.preventDefault();
    focusEvent(card.dataset.e);
    history.replaceState(null, "", "?focus=" + encodeURIComponent(card.dataset.e) + "#text");
  });
}

// Review form: place autocompletion from the bundled gazetteer (/api/places).
const place = document.getElementById("place");
const placeId = document.getElementById("place_id");
const options = document.getElementById("place-options");
if (place && placeId && options) {
  let found = [];
  let timer = null;
  place.addEventListener("input", () => {
    placeId.value = "";
    const chosen = found.find((p) => p.label === place.value);
    if (chosen) {
      placeId.value = chosen.id;
      return;
    }
    clearTimeout(timer);
    const q = place.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const response = await fetch("/api/places?limit=12&q=" + encodeURIComponent(q));
      if (!response.ok) return;
      found = (await response.json()).places;
      options.replaceChildren(
        ...found.map((p) => {
          const option = document.createElement("option");
          option.value = p.label;
          return option;
        }),
      );
    }, 150);
  });
}

// Review form: Enter in a field saves the edits. The browser would press the first
// button, "Accept as shown", which saves no change (the server refuses an accept
// with changed fields, so without this file the edit is kept in the form, not lost).
const review = document.querySelector("form.review");
const saveEdits = review && review.querySelector("button[value=edit]");
if (review && saveEdits) {
  review.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.isComposing || !(field instanceof HTMLInputElement)) return;
    if (field.type === "checkbox" || field.list) return; // a datalist picks with Enter
    event.preventDefault();
    review.requestSubmit(saveEdits);
  });
}
