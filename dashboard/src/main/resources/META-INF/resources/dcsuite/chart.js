// <dcsuite-chart>: draws the JSON the server sets as its "data" property with uPlot (loaded before this file).
// Times arrive as epoch seconds; uPlot shows them in the browser's time zone, i.e. the viewer's.
(function () {
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

    _destroy() {
      if (this._plot) {
        this._plot.destroy();
        this._plot = null;
      }
    }

    _size() {
      return {width: Math.max(200, this.clientWidth), height: Math.max(160, this.clientHeight || 260)};
    }

    _resize() {
      if (this._plot) {
        this._plot.setSize(this._size());
      }
    }

    _render() {
      if (!this.isConnected || !this._data || typeof uPlot === 'undefined') {
        return;
      }
      this._destroy();
      const d = this._data;
      const palette = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6'];
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
