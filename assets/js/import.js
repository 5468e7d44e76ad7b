/* greensword — the legacy case import with progress (pages/case_import).
 * Without this script the form posts the file and the page comes back
 * with the outcome; with it the file goes to the JSON API and the screen
 * shows the upload and then the import's own progress, read from the
 * server while it works. No inline script: the CSP forbids it. */
(function () {
	"use strict";

	var form = document.getElementById("case-import");
	var box = document.getElementById("import-progress");
	var result = document.getElementById("import-result");
	if (!form || !box || !window.XMLHttpRequest || !window.FormData)
		return;
	var bar = box.querySelector("progress");
	var text = box.querySelector("p");
	var phases = { reading: "正在读取并检查", checking: "正在核对系统中已有的案件",
		writing: "正在写入", finished: "已完成" };
	var timer = null;

	function show(pct, message) {
		box.hidden = false;
		if (pct === null)
			bar.removeAttribute("value");
		else
			bar.value = pct;
		text.textContent = message;
	}

	function el(tag, cls, content) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (content !== undefined)
			e.textContent = content;
		return e;
	}

	/* The outcome, built with textContent: nothing the server or the
	 * file says is ever parsed as HTML. */
	function render(status, body) {
		result.textContent = "";
		if (status === 200) {
			var ok = el("div", "alert success");
			ok.setAttribute("role", "status");
			ok.textContent = "已导入 " + body.imported + " 件案件（共读取 " +
			    body.lines + " 行）。";
			result.appendChild(ok);
			if (body.skipped && body.skipped.length) {
				var sk = el("section", "card");
				sk.appendChild(el("h2", null, "已存在的案号（未重复导入）：" +
				    body.skipped.length + " 个"));
				sk.appendChild(el("p", "mono small",
				    body.skipped.slice(0, 200).join("、")));
				result.appendChild(sk);
			}
			return;
		}
		var err = (body && body.error) || {};
		var alert = el("div", "alert", err.message || "导入失败（" + status + "）");
		alert.setAttribute("role", "alert");
		result.appendChild(alert);
		if (!err.lines || !err.lines.length)
			return;
		var card = el("section", "card");
		card.appendChild(el("h2", null, "错误明细"));
		var table = el("table", "grid");
		var head = el("tr");
		["行号", "字段", "说明"].forEach(function (h) {
			head.appendChild(el("th", null, h));
		});
		var thead = el("thead");
		thead.appendChild(head);
		table.appendChild(thead);
		var tbody = el("tbody");
		err.lines.slice(0, 200).forEach(function (l) {
			var tr = el("tr");
			tr.appendChild(el("td", null, "第 " + l.line + " 行"));
			tr.appendChild(el("td", "mono", l.field));
			tr.appendChild(el("td", null, l.message));
			tbody.appendChild(tr);
		});
		table.appendChild(tbody);
		card.appendChild(table);
		result.appendChild(card);
	}

	function poll() {
		var x = new XMLHttpRequest();
		x.open("GET", form.getAttribute("data-progress"));
		x.onload = function () {
			var p;
			try {
				p = JSON.parse(x.responseText);
			} catch (e) {
				return;
			}
			if (p.state !== "running")
				return;
			var pct = p.bytes_total > 0 ?
			    Math.floor(100 * p.bytes_read / p.bytes_total) : null;
			show(p.phase === "reading" ? pct : null,
			    (phases[p.phase] || p.phase) + "：已读取 " + p.lines_read +
			    (p.lines_total > 0 ? " / " + p.lines_total : "") + " 行" +
			    (p.errors > 0 ? "，发现 " + p.errors + " 处错误" : ""));
		};
		x.send();
	}

	form.addEventListener("submit", function (ev) {
		var input = form.querySelector("input[type=file]");
		var csrf = form.querySelector("input[name=_csrf]");
		if (!input || !input.files || !input.files.length)
			return;
		ev.preventDefault();
		var button = form.querySelector("button[type=submit]");
		button.disabled = true;
		var x = new XMLHttpRequest();
		x.open("POST", form.getAttribute("data-api"));
		x.setRequestHeader("Content-Type", "application/x-ndjson");
		x.setRequestHeader("X-CSRF-Token", csrf ? csrf.value : "");
		x.upload.onprogress = function (e) {
			if (e.lengthComputable)
				show(Math.floor(100 * e.loaded / e.total),
				    "正在上传：" + Math.floor(e.loaded / 1048576) + " / " +
				    Math.ceil(e.total / 1048576) + " MB");
		};
		x.upload.onload = function () {
			show(null, "上传完成，正在导入…");
			timer = window.setInterval(poll, 500);
		};
		x.onloadend = function () {
			if (timer)
				window.clearInterval(timer);
			button.disabled = false;
			button.textContent = "导入";
			box.hidden = true;
			var body = null;
			try {
				body = JSON.parse(x.responseText);
			} catch (e) {
				body = null;
			}
			render(x.status, body);
		};
		x.send(input.files[0]);
	});
})();
