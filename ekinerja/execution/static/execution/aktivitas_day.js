// The quick entry form of the day page (execution/aktivitas_day.html); a static file,
// not an inline script, for the Content-Security-Policy.
// A prefilled time (the next activity starts when the last ended) is selected on focus,
// so typing replaces it.
document.addEventListener("focusin", function (e) {
  if (e.target.matches("#aktivitas-quick input[name^=jam]")) e.target.select();
});
// Rencana aksi choices follow the chosen RHK; choosing a rencana aksi picks its RHK.
document.addEventListener("change", function (e) {
  var form = e.target.form;
  if (!form || form.id !== "aktivitas-quick") return;
  var rhk = form.querySelector("[name=rhk]"), ra = form.querySelector("[data-rencana-select]");
  if (!rhk || !ra) return;
  if (e.target === ra && ra.value) {
    rhk.value = ra.selectedOptions[0].dataset.rhk;
  } else if (e.target === rhk && ra.value && ra.selectedOptions[0].dataset.rhk !== rhk.value) {
    ra.value = "";
  }
  ra.querySelectorAll("optgroup").forEach(function (g) { g.hidden = !!rhk.value && g.dataset.rhk !== rhk.value; });
});
