//! Delivery metrics per quarter: on-time completion rate and average
//! lateness, as bar charts.

use super::finish_plotters;
use plotters::prelude::*;

pub const WIDTH: u32 = 760;
pub const HEIGHT: u32 = 240;

/// Bars of `values` (None: no bar) labelled by `labels`.
pub fn bars(
    title: &str,
    unit: &str,
    labels: &[String],
    values: &[Option<f64>],
    max: Option<f64>,
    colour: (u8, u8, u8),
) -> String {
    let shown: Vec<String> = labels
        .iter()
        .zip(values)
        .map(|(l, v)| {
            format!(
                "{l}: {}",
                v.map(|v| format!("{}{unit}", super::n(v)))
                    .unwrap_or_else(|| "none".into())
            )
        })
        .collect();
    let desc = format!("{title} per quarter. {}.", shown.join("; "));
    let top = max.unwrap_or_else(|| values.iter().flatten().copied().fold(1.0f64, f64::max) * 1.15);
    let count = labels.len().max(1);
    let fill = RGBColor(colour.0, colour.1, colour.2);
    let drawn = super::plot(
        (WIDTH, HEIGHT),
        12,
        0f64..count as f64,
        0f64..top,
        |chart| {
            let x_fmt = super::category_label(labels);
            let y_fmt = |y: &f64| format!("{}{unit}", super::n(*y));
            let _ = chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(count * 2 + 1)
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&y_fmt)
                .max_light_lines(0)
                .bold_line_style(super::GRID)
                .label_style(("sans-serif", 11))
                .draw();
            let _ = chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                v.map(|v| {
                    Rectangle::new([(i as f64 + 0.2, 0.0), (i as f64 + 0.8, v)], fill.filled())
                })
            }));
        },
    );
    let Some(svg) = drawn else {
        return super::empty(WIDTH, HEIGHT, "delivery", title, &desc);
    };
    finish_plotters(&svg, "delivery", title, &desc)
}
