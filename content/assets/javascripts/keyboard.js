/* Keyboard access to the header's menu on narrow screens (phones, or a desktop zoomed in). Material
   draws the menu toggle as a <label> for a hidden checkbox: a finger or a mouse reaches it, the Tab
   key does not. It gets a real button in its place, named in the page's language from a string
   Material already translates (the main menu's label), that says whether the menu is open; the
   menu moves focus into itself when opened from the button and closes with Escape. Without
   JavaScript the label stays as Material made it. (The search needs no such help: its field,
   reached with Tab, opens the search when it gets focus.) */
(function () {
  "use strict";
  var label = document.querySelector(".md-header__inner label.md-header__button[for=__drawer]");
  var toggle = document.getElementById("__drawer");
  var menu = document.querySelector(".md-nav--primary");
  if (!label || !toggle || !menu) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon xl-toggle";
  button.setAttribute("aria-label", menu.getAttribute("aria-label") || "");
  button.setAttribute("aria-expanded", String(toggle.checked));
  button.innerHTML = label.innerHTML; // the icon
  label.classList.add("xl-toggle-label");
  label.parentNode.insertBefore(button, label);
  button.addEventListener("click", function () {
    label.click(); // the label's own behaviour, which Material listens to
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
    if (toggle.checked && document.activeElement === button) {
      var first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) setTimeout(function () { first.focus(); }, 0); // once the drawer is shown
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      label.click();
      button.focus();
    }
  });
})();
