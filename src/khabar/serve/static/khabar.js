// Light touches only: the pages work without it. Toggle annotation layers, and point from an
// event in the list to its trigger in the text.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-toggle]").forEach((box) => {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
  document.querySelectorAll(".event-item").forEach((item) => {
    const trigger = document.getElementById("trigger-" + item.dataset.event);
    if (!trigger) return;
    item.addEventListener("mouseenter", () => trigger.classList.add("flash"));
    item.addEventListener("mouseleave", () => trigger.classList.remove("flash"));
  });
});
