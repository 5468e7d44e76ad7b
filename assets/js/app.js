/* greensword — progressive enhancement only: every page works without it.
 * No inline script anywhere (the Content-Security-Policy forbids it). */
(function () {
	"use strict";

	/* A long form submission (an import) shows that it is working and
	 * cannot be sent twice. */
	document.addEventListener("submit", function (ev) {
		var form = ev.target;
		var busy = form.getAttribute("data-busy");
		if (!busy)
			return;
		var buttons = form.querySelectorAll("button[type=submit]");
		for (var i = 0; i < buttons.length; i++) {
			buttons[i].disabled = true;
			buttons[i].textContent = busy;
		}
	});

	/* Buttons that destroy something ask first. */
	document.addEventListener("click", function (ev) {
		var el = ev.target.closest ? ev.target.closest("[data-confirm]") : null;
		if (el && !window.confirm(el.getAttribute("data-confirm")))
			ev.preventDefault();
	});
})();
