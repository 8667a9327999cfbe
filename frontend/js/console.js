/*
 * Runnel console: per-shard throughput charts drawn with uPlot (a webjar). The server keeps one minute of
 * per-second traffic; this script polls it every two seconds and keeps up to five minutes in the page, so the
 * charts cover "the last minutes" while the page is open. Everything else on the console works without it.
 */
(function () {
  'use strict';

  var KEEP_SECONDS = 300;
  var POLL_MILLIS = 2000;
  var COLOURS = ['#0b5cad', '#b3261e', '#1d6b33', '#8a5300', '#6a3d9a', '#00747a', '#a1306d', '#4d4d4d'];
  var CHARTS = [
    {key: 'writeBytes', title: 'Writes per shard (KiB/s; limit 1,024)', scale: 1 / 1024, limit: 1024},
    {key: 'writeRecords', title: 'Writes per shard (records/s; limit 1,000)', scale: 1, limit: 1000},
    {key: 'readBytes', title: 'Reads per shard (KiB/s; limit 2,048)', scale: 1 / 1024, limit: 2048}
  ];

  function TrafficCharts(container) {
    this.container = container;
    this.url = container.getAttribute('data-traffic-url');
    this.history = new Map();   // epoch second -> {shardId: {writeBytes, writeRecords, readBytes}}
    this.shardIds = [];
    this.plots = [];
  }

  TrafficCharts.prototype.poll = function () {
    var self = this;
    fetch(this.url, {headers: {Accept: 'application/json'}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (series) { if (series) { self.merge(series); self.draw(); } })
      .catch(function () { /* the server may be restarting; try again on the next tick */ });
  };

  TrafficCharts.prototype.merge = function (series) {
    var history = this.history;
    series.epochSeconds.forEach(function (second, i) {
      var entry = history.get(second) || {};
      series.shards.forEach(function (shard) {
        entry[shard.shardId] = {
          writeBytes: shard.writeBytes[i], writeRecords: shard.writeRecords[i], readBytes: shard.readBytes[i]
        };
      });
      history.set(second, entry);
    });
    var newest = series.epochSeconds[series.epochSeconds.length - 1];
    history.forEach(function (_, second) {
      if (second < newest - KEEP_SECONDS) { history.delete(second); }
    });
    this.latestShardIds = series.shards.map(function (shard) { return shard.shardId; });
  };

  TrafficCharts.prototype.draw = function () {
    var seconds = Array.from(this.history.keys()).sort(function (a, b) { return a - b; });
    var ids = this.latestShardIds;
    if (ids.join() !== this.shardIds.join()) {
      this.shardIds = ids;
      this.rebuild();
    }
    var history = this.history;
    var width = this.width();
    this.plots.forEach(function (plot, c) {
      var chart = CHARTS[c];
      var data = [seconds];
      ids.forEach(function (id) {
        data.push(seconds.map(function (s) {
          var values = history.get(s)[id];
          return values ? values[chart.key] * chart.scale : null;
        }));
      });
      data.push(seconds.map(function () { return chart.limit; }));
      plot.setData(data);
      if (plot.width !== width) { plot.setSize({width: width, height: 220}); }
    });
  };

  TrafficCharts.prototype.width = function () {
    var columns = window.innerWidth < 700 ? 1 : Math.max(1, Math.floor(this.container.clientWidth / 420));
    return Math.max(280, Math.floor(this.container.clientWidth / Math.min(columns, CHARTS.length)) - 16);
  };

  TrafficCharts.prototype.rebuild = function () {
    var container = this.container;
    this.plots.forEach(function (plot) { plot.destroy(); });
    container.innerHTML = '';
    var ids = this.shardIds;
    var width = this.width();
    this.plots = CHARTS.map(function (chart) {
      var figure = document.createElement('figure');
      figure.className = 'chart';
      var caption = document.createElement('figcaption');
      caption.textContent = chart.title;
      figure.appendChild(caption);
      container.appendChild(figure);
      var series = [{}];
      ids.forEach(function (id, i) {
        series.push({label: id.replace('shardId-', ''), stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: true});
      });
      series.push({label: 'limit', stroke: '#55606e', dash: [6, 4], width: 1});
      return new uPlot({
        width: width, height: 220, series: series,
        scales: {x: {time: true}, y: {range: function (u, min, max) { return [0, Math.max(max, 1)]; }}},
        axes: [{}, {size: 60}]
      }, [[]].concat(series.slice(1).map(function () { return []; })), figure);
    });
  };

  function start() {
    var container = document.getElementById('traffic-charts');
    if (!container || typeof uPlot === 'undefined' || typeof fetch === 'undefined') { return; }
    var charts = new TrafficCharts(container);
    charts.poll();
    window.setInterval(function () { charts.poll(); }, POLL_MILLIS);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
