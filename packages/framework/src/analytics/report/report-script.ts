/**
 * Inline renderer of `report.html`: plain ES2017, no dependencies, drawing on canvas from the
 * JSON in `#report-data`. After drawing, each chart canvas carries `data-candles`/`data-markers`
 * or `data-points` with the number of items drawn, and `body[data-rendered]` is set, so a
 * headless browser can check the result. Kept as text (not a function's source) so no bundler
 * helper can leak into the page.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLOR = { up: '#15803d', down: '#b91c1c', line: '#2563eb', band: 'rgba(37, 99, 235, 0.16)', grid: '#e5e7eb', text: '#6b7280',
    entry: '#7c3aed', link: 'rgba(55, 65, 81, 0.5)', area: 'rgba(185, 28, 28, 0.28)' };
  var PAD = { left: 8, right: 74, top: 10, bottom: 24 };
  var NEWLINE = String.fromCharCode(10);
  var tooltip = document.getElementById('tooltip');

  function prepare(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(canvas.clientWidth, 240);
    var height = Math.max(canvas.clientHeight, 120);
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';
    return { ctx: ctx, left: PAD.left, top: PAD.top, right: width - PAD.right, bottom: height - PAD.bottom };
  }

  function extent(lists) {
    var low = Infinity, high = -Infinity;
    for (var l = 0; l < lists.length; l++) {
      for (var i = 0; i < lists[l].length; i++) {
        var v = lists[l][i];
        if (v === null || !isFinite(v)) continue;
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
    if (!(high > low)) { var pad = Math.abs(low) * 0.01 || 1; low -= pad; high += pad; }
    var margin = (high - low) * 0.05;
    return { low: low - margin, high: high + margin };
  }

  function ticks(low, high, count) {
    var raw = (high - low) / count;
    var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var unit = raw / power;
    var step = (unit < 1.5 ? 1 : unit < 3 ? 2 : unit < 7 ? 5 : 10) * power;
    var values = [];
    for (var v = Math.ceil(low / step) * step; v <= high; v += step) values.push(v);
    return { values: values, step: step };
  }

  function number(value, step) {
    var decimals = step >= 1 ? 0 : Math.min(8, Math.ceil(-Math.log(step) / Math.LN10));
    return value.toFixed(decimals);
  }

  function money(value, step) {
    var size = Math.abs(value);
    if (size >= 1e6) return (value / 1e6).toFixed(2) + 'M';
    if (size >= 1e4) return (value / 1e3).toFixed(1) + 'k';
    return number(value, step);
  }

  function time(ms) {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }

  function valueScale(box, low, high) {
    return function (v) { return box.bottom - (v - low) / (high - low) * (box.bottom - box.top); };
  }

  function timeScale(box, first, last) {
    return function (t) { return last > first ? box.left + (t - first) / (last - first) * (box.right - box.left) : (box.left + box.right) / 2; };
  }

  function yAxis(box, scale, range, format) {
    var ctx = box.ctx, grid = ticks(range.low, range.high, 5);
    ctx.strokeStyle = COLOR.grid;
    ctx.fillStyle = COLOR.text;
    ctx.lineWidth = 1;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    grid.values.forEach(function (v) {
      var y = Math.round(scale(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(box.left, y);
      ctx.lineTo(box.right, y);
      ctx.stroke();
      ctx.fillText(format(v, grid.step), box.right + 6, y);
    });
  }

  function xAxis(box, positions, times) {
    var ctx = box.ctx, n = times.length, count = Math.min(6, n);
    ctx.fillStyle = COLOR.text;
    ctx.textBaseline = 'top';
    for (var k = 0; k < count; k++) {
      var i = count === 1 ? 0 : Math.round(k * (n - 1) / (count - 1));
      ctx.textAlign = k === 0 ? 'left' : k === count - 1 ? 'right' : 'center';
      ctx.fillText(time(times[i]), positions(i), box.bottom + 6);
    }
  }

  function empty(canvas, box, text) {
    box.ctx.fillStyle = COLOR.text;
    box.ctx.textAlign = 'center';
    box.ctx.fillText(text, (box.left + box.right) / 2, (box.top + box.bottom) / 2);
    canvas.hit = null;
  }

  function locate(starts, t) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function drawCandles(canvas, series, trades) {
    var box = prepare(canvas), ctx = box.ctx, n = series ? series.start.length : 0;
    if (n === 0) {
      empty(canvas, box, 'No bars recorded');
      canvas.setAttribute('data-candles', '0');
      canvas.setAttribute('data-markers', '0');
      return;
    }
    var first = series.start[0], last = series.end[n - 1];
    var shown = trades.filter(function (t) { return t.symbol === series.symbol && t.entryTime >= first && t.entryTime <= last; });
    var range = extent([series.low, series.high, shown.map(function (t) { return t.entryPrice; }), shown.map(function (t) { return t.exitPrice; })]);
    var y = valueScale(box, range.low, range.high);
    var slot = (box.right - box.left) / n;
    var body = Math.max(1, slot * 0.7);
    var x = function (i) { return box.left + (i + 0.5) * slot; };
    yAxis(box, y, range, number);
    for (var i = 0; i < n; i++) {
      var open = series.open[i], close = series.close[i], color = close >= open ? COLOR.up : COLOR.down;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x(i), y(series.high[i]));
      ctx.lineTo(x(i), y(series.low[i]));
      ctx.stroke();
      var top = y(Math.max(open, close));
      ctx.fillRect(x(i) - body / 2, top, body, Math.max(1, y(Math.min(open, close)) - top));
    }
    var markers = 0;
    shown.forEach(function (t) {
      var ex = x(locate(series.start, t.entryTime)), xx = x(locate(series.start, Math.min(t.exitTime, last)));
      var ey = y(t.entryPrice), xy = y(t.exitPrice), long = t.side === 'long';
      ctx.setLineDash([3, 3]);
      ctx.strokeStyle = COLOR.link;
      ctx.beginPath();
      ctx.moveTo(ex, ey);
      ctx.lineTo(xx, xy);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = COLOR.entry;
      ctx.beginPath();
      ctx.moveTo(ex, ey + (long ? -7 : 7));
      ctx.lineTo(ex - 5, ey + (long ? 3 : -3));
      ctx.lineTo(ex + 5, ey + (long ? 3 : -3));
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = t.netPnl >= 0 ? COLOR.up : COLOR.down;
      ctx.beginPath();
      ctx.arc(xx, xy, t.status === 'open' ? 2.5 : 4, 0, Math.PI * 2);
      ctx.fill();
      markers += 2;
    });
    xAxis(box, x, series.start);
    canvas.setAttribute('data-candles', String(n));
    canvas.setAttribute('data-markers', String(markers));
    canvas.hit = function (px) {
      var i = Math.min(n - 1, Math.max(0, Math.floor((px - box.left) / slot)));
      return time(series.start[i]) + (series.bars[i] > 1 ? ' (' + series.bars[i] + ' bars)' : '') + NEWLINE +
        'O ' + series.open[i] + '  H ' + series.high[i] + '  L ' + series.low[i] + '  C ' + series.close[i];
    };
  }

  function drawSeries(canvas, equity, drawdown) {
    var box = prepare(canvas), ctx = box.ctx, n = equity.last.length;
    if (n === 0) {
      empty(canvas, box, 'No equity recorded');
      canvas.setAttribute('data-points', '0');
      return;
    }
    var x = timeScale(box, equity.start[0], equity.end[n - 1]);
    var values = drawdown ? equity.drawdown.map(function (d) { return -d; }) : equity.last;
    var range = drawdown ? extent([values, [0]]) : extent([equity.min, equity.max]);
    if (drawdown) range.high = Math.max(range.high, 0);
    var y = valueScale(box, range.low, range.high);
    yAxis(box, y, range, drawdown ? function (v) { return (v * 100).toFixed(1) + ' %'; } : money);
    if (!drawdown && equity.stride > 1) {
      ctx.fillStyle = COLOR.band;
      for (var b = 0; b < n; b++) {
        var top = y(equity.max[b]);
        ctx.fillRect(x(equity.start[b]), top, Math.max(1, x(equity.end[b]) - x(equity.start[b])), Math.max(1, y(equity.min[b]) - top));
      }
    }
    ctx.beginPath();
    if (drawdown) ctx.moveTo(x(equity.start[0]), y(0));
    for (var i = 0; i < n; i++) {
      if (i === 0 && !drawdown) ctx.moveTo(x(equity.end[0]), y(values[0]));
      else ctx.lineTo(x(equity.end[i]), y(values[i]));
    }
    if (drawdown) {
      ctx.lineTo(x(equity.end[n - 1]), y(0));
      ctx.closePath();
      ctx.fillStyle = COLOR.area;
      ctx.fill();
      ctx.strokeStyle = COLOR.down;
    } else {
      ctx.strokeStyle = COLOR.line;
    }
    ctx.lineWidth = 1.5;
    ctx.stroke();
    if (n === 1) {
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.arc(x(equity.end[0]), y(values[0]), 3, 0, Math.PI * 2);
      ctx.fill();
    }
    xAxis(box, function (i) { return x(equity.end[i]); }, equity.end);
    canvas.setAttribute('data-points', String(n));
    canvas.hit = function (px) {
      var t = equity.start[0] + (px - box.left) / (box.right - box.left) * (equity.end[n - 1] - equity.start[0]);
      var i = Math.min(n - 1, locate(equity.start, t));
      return time(equity.end[i]) + NEWLINE + (drawdown ? 'drawdown ' + (equity.drawdown[i] * 100).toFixed(2) + ' %' : 'equity ' + equity.last[i].toFixed(2));
    };
  }

  function attachTooltip(canvas) {
    canvas.addEventListener('mousemove', function (event) {
      if (!canvas.hit) return;
      var rect = canvas.getBoundingClientRect();
      tooltip.textContent = canvas.hit(event.clientX - rect.left);
      tooltip.style.display = 'block';
      tooltip.style.left = event.clientX + 14 + 'px';
      tooltip.style.top = event.clientY + 14 + 'px';
    });
    canvas.addEventListener('mouseleave', function () { tooltip.style.display = 'none'; });
  }

  function render() {
    var candleCharts = document.querySelectorAll('canvas[data-chart="candles"]');
    for (var c = 0; c < candleCharts.length; c++) {
      var symbol = candleCharts[c].getAttribute('data-symbol');
      var series = data.candles.filter(function (s) { return s.symbol === symbol; })[0];
      drawCandles(candleCharts[c], series, data.trades);
    }
    drawSeries(document.getElementById('equity-chart'), data.equity, false);
    drawSeries(document.getElementById('drawdown-chart'), data.equity, true);
    document.body.setAttribute('data-rendered', 'true');
  }

  var charts = document.querySelectorAll('canvas.chart');
  for (var k = 0; k < charts.length; k++) attachTooltip(charts[k]);
  render();
  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(render, 120);
  });
})();
`;
