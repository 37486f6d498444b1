// <dcsuite-chart>: draws the JSON the server sets as its "data" property with uPlot (loaded before this file).
// Times arrive as epoch seconds; uPlot shows them in the browser's time zone, i.e. the viewer's.
(function () {
  // The plot's own height; the legend wraps below it and the element grows with it, so the legend never covers
  // the caption under the chart.
  const PLOT_HEIGHT = 240;

  function parse(json) {
    return typeof json === 'string' ? JSON.parse(json) : json;
  }

  class DcsuiteChart extends HTMLElement {
    connectedCallback() {
      // A property set before this element was defined sits on the instance and hides the setter: re-apply it.
      if (Object.prototype.hasOwnProperty.call(this, 'data')) {
        const pending = this.data;
        delete this.data;
        this.data = pending;
      }
      this._observer = new ResizeObserver(() => this._resize());
      this._observer.observe(this);
      this._render();
    }

    disconnectedCallback() {
      if (this._observer) {
        this._observer.disconnect();
      }
      this._destroy();
    }

    set data(json) {
      this._data = parse(json);
      this._render();
    }

    get data() {
      return this._data;
    }

    // Appends a newer tail of the same chart (the server's TimeSeriesChart.show): points it covers are replaced,
    // points older than its range are dropped, and the plot keeps its state (no redraw from scratch).
    extend(json) {
      const tail = parse(json);
      const d = this._data;
      if (!d || tail.times.length === 0) {
        this.data = tail;
        return;
      }
      const first = tail.times[0];
      const keepFrom = tail.times[tail.times.length - 1] - tail.span;
      const kept = [];
      d.times.forEach((t, i) => {
        if (t >= keepFrom && t < first) {
          kept.push(i);
        }
      });
      const added = new Map(tail.series.map(s => [s.name, s.values]));
      d.times = kept.map(i => d.times[i]).concat(tail.times);
      d.series.forEach(s => {
        s.values = kept.map(i => s.values[i]).concat(added.get(s.name) || tail.times.map(() => null));
      });
      if (this._plot) {
        this._plot.setData([d.times].concat(d.series.map(s => s.values)));
      } else {
        this._render();
      }
    }

    _destroy() {
      if (this._plot) {
        this._plot.destroy();
        this._plot = null;
      }
    }

    _size() {
      return {width: Math.max(200, this.clientWidth), height: PLOT_HEIGHT};
    }

    _resize() {
      if (this._plot && this._plot.width !== this._size().width) {
        this._plot.setSize(this._size());
      }
    }

    _render() {
      if (!this.isConnected || !this._data || typeof uPlot === 'undefined') {
        return;
      }
      this._destroy();
      const d = this._data;
      const palette = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16',
        '#f97316', '#a3a3a3'];
      const opts = Object.assign(this._size(), {
        series: [{}].concat(d.series.map((s, i) => ({
          label: s.name,
          stroke: palette[i % palette.length],
          width: 2,
          value: (u, v) => v == null ? '—' : v.toFixed(2) + ' ' + d.unit
        }))),
        axes: [{stroke: 'currentColor'}, {label: d.unit, stroke: 'currentColor'}],
        scales: {x: {time: true}}
      });
      const values = [d.times].concat(d.series.map(s => s.values));
      this._plot = new uPlot(opts, values, this);
    }
  }

  if (!customElements.get('dcsuite-chart')) {
    customElements.define('dcsuite-chart', DcsuiteChart);
  }
})();
