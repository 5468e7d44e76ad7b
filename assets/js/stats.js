/* greensword — the charts of the statistics page (/stats), progressive
 * enhancement over the numbers the server already rendered. Each
 * <div class="chart" data-src="..."> names the JSON API URL of its figures
 * (GET /api/v1/stats/penalties, the page's own query); this file fetches it
 * with the session cookie and draws it with the vendored ECharts
 * (assets/vendor/echarts.min.js, loaded before this file). No inline
 * script: the Content-Security-Policy forbids it. */
(function () {
	"use strict";

	var echarts = window.echarts;
	if (!echarts || !document.querySelector)
		return;

	var GREEN = "#1b6e4a", GREEN_LIGHT = "#8fc1a6", BLUE = "#2f6fb3",
	    BLUE_LIGHT = "#9dbde0", GOLD = "#b7791f", GOLD_LIGHT = "#e3c28f";

	/* Fen as 万元 with two decimals, rounded as the server rounds them
	 * (stats_value_text: half up to the hundredth of a 万元). */
	function wan(fen) {
		return Math.floor((fen + 5000) / 10000) / 100;
	}

	function fail(el, text) {
		el.textContent = text;
		el.classList.add("chart-failed");
	}

	/* The months of a trend: "3月" within one year, "2026年3月" across. */
	function monthLabels(groups) {
		var years = {}, n = 0, i;
		for (i = 0; i < groups.length; i++) {
			var y = groups[i].key.slice(0, 4);
			if (!years[y]) {
				years[y] = true;
				n++;
			}
		}
		return groups.map(function (g) {
			return n > 1 ? g.label : Number(g.key.slice(5, 7)) + "月";
		});
	}

	function series(name, type, data, colour, extra) {
		var s = { name: name, type: type, data: data,
			itemStyle: { color: colour }, emphasis: { focus: "series" } };
		if (type === "line") {
			s.symbolSize = 6;
			s.lineStyle = { color: colour, width: 2 };
		}
		for (var k in extra)
			s[k] = extra[k];
		return s;
	}

	function pick(groups, code, prev) {
		return groups.map(function (g) {
			var t = prev ? g.previous.totals : g.totals;
			return t[code];
		});
	}

	/* A year earlier: the same colour, lighter, dashed. */
	function earlier(name, data, colour, axis) {
		var s = series(name, "line", data, colour, { yAxisIndex: axis });
		s.lineStyle.type = "dashed";
		return s;
	}

	/* 立案数, 处罚决定书数 and 罚款总额 by month, this period against the
	 * same months a year earlier. */
	function trendOption(data) {
		var g = data.groups || [];
		return {
			tooltip: { trigger: "axis" },
			legend: { type: "scroll", top: 0 },
			grid: { left: 48, right: 64, top: 56, bottom: 32 },
			xAxis: { type: "category", data: monthLabels(g) },
			yAxis: [
				{ type: "value", name: "件", minInterval: 1 },
				{ type: "value", name: "万元", splitLine: { show: false } }
			],
			series: [
				series("立案数", "bar", pick(g, "cases_filed", false),
				    GREEN, {}),
				earlier("立案数（上年同期）",
				    pick(g, "cases_filed", true), GREEN_LIGHT, 0),
				series("处罚决定书数", "bar",
				    pick(g, "penalty_decisions", false), BLUE, {}),
				earlier("处罚决定书数（上年同期）",
				    pick(g, "penalty_decisions", true), BLUE_LIGHT, 0),
				series("罚款总额（万元）", "line",
				    pick(g, "fines_fen", false).map(wan), GOLD,
				    { yAxisIndex: 1 }),
				earlier("罚款总额（上年同期）",
				    pick(g, "fines_fen", true).map(wan), GOLD_LIGHT, 1)
			]
		};
	}

	/* Without groups: the main figures against the year before. */
	var MAIN = [["cases_filed", "立案数"], ["penalty_decisions", "处罚决定书数"],
	    ["supporting_measure_cases", "配套办法案件数"],
	    ["detention_transfer_cases", "移送行政拘留"],
	    ["criminal_transfer_cases", "移送涉嫌犯罪"], ["clues", "线索数"]];

	/* The page's groups: cases filed and decisions per group, this period
	 * and a year earlier. */
	function breakdownOption(data) {
		var g = data.groups || [];
		var labels, cur, prev, bars;
		if (g.length === 0) {
			labels = MAIN.map(function (m) { return m[1]; });
			cur = MAIN.map(function (m) { return data.totals[m[0]]; });
			prev = MAIN.map(function (m) {
				return data.previous.totals[m[0]];
			});
			bars = [series("本期", "bar", cur, GREEN, {}),
			    series("上年同期", "bar", prev, GREEN_LIGHT, {})];
		} else {
			labels = data.group_by === "month" ? monthLabels(g) :
			    g.map(function (x) { return x.label; });
			bars = [series("立案数", "bar", pick(g, "cases_filed", false),
			    GREEN, {}),
			    series("立案数（上年同期）", "bar",
			    pick(g, "cases_filed", true), GREEN_LIGHT, {}),
			    series("处罚决定书数", "bar",
			    pick(g, "penalty_decisions", false), BLUE, {}),
			    series("处罚决定书数（上年同期）", "bar",
			    pick(g, "penalty_decisions", true), BLUE_LIGHT, {})];
		}
		return {
			tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
			legend: { type: "scroll", top: 0 },
			grid: { left: 48, right: 24, top: 56, bottom: 32,
				containLabel: true },
			xAxis: { type: "category", data: labels,
				axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
			yAxis: { type: "value", name: "件", minInterval: 1 },
			series: bars
		};
	}

	var charts = [];

	function draw(el) {
		var src = el.getAttribute("data-src");
		var kind = el.getAttribute("data-kind");
		if (!src)
			return;
		fetch(src, { credentials: "same-origin",
			headers: { "Accept": "application/json" } })
		    .then(function (res) {
			if (!res.ok)
				throw new Error("HTTP " + res.status);
			return res.json();
		    })
		    .then(function (data) {
			var chart = echarts.init(el);
			chart.setOption(kind === "trend" ? trendOption(data) :
			    breakdownOption(data));
			charts.push(chart);
		    })
		    .catch(function () {
			fail(el, "图表暂时无法加载，上表数字不受影响。");
		    });
	}

	var els = document.querySelectorAll(".chart[data-src]");
	for (var i = 0; i < els.length; i++)
		draw(els[i]);

	window.addEventListener("resize", function () {
		for (var j = 0; j < charts.length; j++)
			charts[j].resize();
	});
})();
