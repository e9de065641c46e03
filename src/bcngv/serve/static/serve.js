// bcngv serve: two small helps, the pages work without them.
// A partner's search box shows the catalog entries whose id, name or other spelling holds the words.
document.querySelectorAll("input.partner-search").forEach((box) => {
  const select = document.getElementById(box.dataset.for);
  box.addEventListener("input", () => {
    const wanted = box.value.trim().toLocaleLowerCase();
    for (const option of select.options) {
      option.hidden = wanted !== "" && !(option.dataset.search || "").includes(wanted) && !option.selected;
    }
  });
});
// A placeholder button puts {partners}… where the cursor is in the text area.
document.querySelectorAll("button.placeholder").forEach((button) => {
  button.addEventListener("click", () => {
    const area = document.getElementById(button.dataset.for);
    const at = area.selectionStart ?? area.value.length;
    area.value = area.value.slice(0, at) + button.dataset.text + area.value.slice(area.selectionEnd ?? at);
    area.focus();
    area.selectionStart = area.selectionEnd = at + button.dataset.text.length;
  });
});
