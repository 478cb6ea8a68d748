/* e-Kinerja: an evidence file over the agency's limit is refused in the browser, before
 * it is uploaded (issue 11 §7). A phone on a slow connection would otherwise send the
 * whole file only to be told it is too large; the server still checks (services.bukti).
 *
 * A file input with data-max-bytes (the agency's limit, in bytes), data-too-big (the
 * message, with {nama} and {ukuran} to fill in) and data-batal (the label of the button
 * that drops the file) is checked when a file is chosen and when its form is sent (also
 * by htmx): while the chosen file is over the limit the message stays under the input
 * and the form is not sent; choosing a smaller file, or dropping it, lets it go. Works
 * for forms swapped in by htmx (the listeners are on the document). No library. */
(function () {
  "use strict";

  var SELECTOR = "input[type=file][data-max-bytes]";

  // As ekinerja/execution/files.py size_text: "512 KB", "5 MB", "7,3 MB".
  function sizeText(bytes) {
    if (bytes < 1024 * 1024) {
      return Math.max(1, Math.round(bytes / 1024)) + " KB";
    }
    var mb = (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");
    return mb.replace(".", ",") + " MB";
  }

  function tooBig(input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (!limit || !input.files) return null;
    for (var i = 0; i < input.files.length; i++) {
      if (input.files[i].size > limit) return input.files[i];
    }
    return null;
  }

  function clear(input) {
    var box = input.parentNode && input.parentNode.querySelector("[data-ukuran-feedback]");
    if (box) box.remove();
    input.classList.remove("is-invalid");
    input.removeAttribute("aria-invalid");
  }

  function refuse(input, file) {
    clear(input);
    var message = (input.getAttribute("data-too-big") || "")
      .replace("{nama}", file.name)
      .replace("{ukuran}", sizeText(file.size));
    var box = document.createElement("div");
    box.className = "invalid-feedback d-block";
    box.setAttribute("role", "alert");
    box.setAttribute("data-ukuran-feedback", "");
    box.appendChild(document.createTextNode(message + " "));
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "btn btn-link btn-sm p-0 align-baseline";
    drop.textContent = input.getAttribute("data-batal") || "×";
    drop.addEventListener("click", function () {
      input.value = "";
      clear(input);
      input.focus();
    });
    box.appendChild(drop);
    input.insertAdjacentElement("afterend", box);
    // The message is shown here, not in the browser's validation bubble (which would
    // repeat it over the page): the submit listener below holds the form back.
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
  }

  // true when the input may be sent as it is.
  function check(input) {
    var file = tooBig(input);
    if (file) {
      refuse(input, file);
      return false;
    }
    clear(input);
    return true;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches(SELECTOR)) check(input);
  });

  // Capture phase: runs before htmx's own submit listener on the form.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form || !form.querySelectorAll) return;
      var inputs = form.querySelectorAll(SELECTOR);
      for (var i = 0; i < inputs.length; i++) {
        if (!check(inputs[i])) {
          event.preventDefault();
          event.stopPropagation();
          inputs[i].focus();
          return;
        }
      }
    },
    true
  );
})();
