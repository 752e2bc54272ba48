// <dim-chart>: a Chart.js chart (free, MIT; the WebJar's UMD build defines the global
// Chart) drawn from the "config" property the server sets:
// {type, labels, datasets: [{label, data, colors}]}. Redrawn on every change.

class DimChart extends HTMLElement {
  constructor() {
    super();
    this.canvas = document.createElement('canvas');
    this.chart = null;
  }

  connectedCallback() {
    if (!this.canvas.isConnected) {
      this.appendChild(this.canvas);
    }
    this.draw();
  }

  disconnectedCallback() {
    if (this.chart) {
      this.chart.destroy();
      this.chart = null;
    }
  }

  set config(value) {
    this._config = (typeof value === 'string') ? JSON.parse(value) : value;
    this.setAttribute('data-points', String(this.points()));
    this.draw();
  }

  get config() {
    return this._config;
  }

  points() {
    const config = this._config || { datasets: [] };
    return config.datasets.reduce((n, d) => n + (d.data || []).length, 0);
  }

  draw() {
    if (!this.isConnected || !this._config) {
      return;
    }
    const c = this._config;
    const data = {
      labels: c.labels,
      datasets: c.datasets.map((d) => ({
        label: d.label,
        data: d.data,
        backgroundColor: d.colors || '#5bc0de',
        borderColor: d.colors || '#337ab7',
        // A lone point (one history bucket) has no line to draw: show it as a dot.
        pointRadius: d.data.length === 1 ? 3 : 0,
        fill: false,
        tension: 0.3,
      })),
    };
    const sparkline = c.type === 'line';
    const options = {
      animation: false,
      responsive: false,
      plugins: { legend: { display: !sparkline && c.type !== 'bar' } },
      scales: sparkline ? { x: { display: false }, y: { display: true, beginAtZero: true } } : {},
    };
    if (this.chart && this.chart.config.type === c.type) {
      this.chart.data = data;
      this.chart.options = options;
      this.chart.update();
    } else {
      if (this.chart) {
        this.chart.destroy();
      }
      this.canvas.width = parseInt(this.getAttribute('width') || '260', 10);
      this.canvas.height = parseInt(this.getAttribute('height') || '160', 10);
      this.chart = new Chart(this.canvas, { type: c.type, data, options });
    }
  }
}

if (!customElements.get('dim-chart')) {
  customElements.define('dim-chart', DimChart);
}
