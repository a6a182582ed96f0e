//! Capacity per team: stacked bars per quarter (operational load, then
//! committed effort) against a capacity line; overcommitted quarters carry
//! a marker and their utilisation.

use super::finish_plotters;
use crate::analysis::capacity::QuarterLoad;
use plotters::prelude::*;

pub const WIDTH: u32 = 760;
pub const HEIGHT: u32 = 280;

const OPS: RGBColor = RGBColor(0xb8, 0xc0, 0xcc);
const COMMITTED: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const RED: RGBColor = RGBColor(0xa8, 0x23, 0x1f);
const INK: RGBColor = RGBColor(0x1c, 0x24, 0x30);

pub fn capacity(team: &str, quarters: &[QuarterLoad]) -> String {
    let over: Vec<&str> = quarters
        .iter()
        .filter(|q| q.overcommitted())
        .map(|q| q.quarter.as_str())
        .collect();
    let desc = format!(
        "{team}: operational load plus committed effort against capacity for {}; {}.",
        crate::words::count(quarters.len(), "quarter", "quarters"),
        if over.is_empty() {
            "never above capacity".to_string()
        } else {
            format!("above capacity in {}", over.join(", "))
        }
    );
    let top = quarters
        .iter()
        .map(|q| (q.ops_days + q.committed).max(q.capacity))
        .fold(1.0f64, f64::max)
        * 1.15;
    let count = quarters.len().max(1);
    let drawn = super::plot(
        (WIDTH, HEIGHT),
        12,
        0f64..count as f64,
        0f64..top,
        |chart| {
            let labels: Vec<String> = quarters.iter().map(|q| q.quarter.clone()).collect();
            let x_fmt = super::category_label(&labels);
            let y_fmt = |y: &f64| super::n(*y);
            let _ = chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(count * 2 + 1)
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&y_fmt)
                .y_desc("person-days")
                .max_light_lines(0)
                .bold_line_style(super::GRID)
                .label_style(("sans-serif", 11))
                .axis_desc_style(("sans-serif", 12))
                .draw();
            let _ = chart
                .draw_series(quarters.iter().enumerate().map(|(i, q)| {
                    Rectangle::new(
                        [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, q.ops_days)],
                        OPS.filled(),
                    )
                }))
                .map(|s| {
                    s.label("operational load").legend(|(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 12, y + 5)], OPS.filled())
                    })
                });
            let _ = chart
                .draw_series(quarters.iter().enumerate().map(|(i, q)| {
                    Rectangle::new(
                        [
                            (i as f64 + 0.2, q.ops_days),
                            (i as f64 + 0.8, q.ops_days + q.committed),
                        ],
                        COMMITTED.filled(),
                    )
                }))
                .map(|s| {
                    s.label("committed effort").legend(|(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 12, y + 5)], COMMITTED.filled())
                    })
                });
            // Capacity: a step line across each quarter.
            let mut cap = Vec::new();
            for (i, q) in quarters.iter().enumerate() {
                cap.push((i as f64, q.capacity));
                cap.push((i as f64 + 1.0, q.capacity));
            }
            let _ = chart
                .draw_series(LineSeries::new(cap, INK.stroke_width(2)))
                .map(|s| {
                    s.label("capacity").legend(|(x, y)| {
                        PathElement::new(vec![(x, y), (x + 16, y)], INK.stroke_width(2))
                    })
                });
            for (i, q) in quarters
                .iter()
                .enumerate()
                .filter(|(_, q)| q.overcommitted())
            {
                let used = q.ops_days + q.committed;
                let _ = chart.draw_series(std::iter::once(Rectangle::new(
                    [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, used)],
                    RED.stroke_width(2),
                )));
                let _ = chart.draw_series(std::iter::once(TriangleMarker::new(
                    (i as f64 + 0.5, used + top * 0.04),
                    6,
                    RED.filled(),
                )));
                let label = format!("{}%", (q.utilisation.unwrap_or(0.0) * 100.0).round());
                let _ = chart.draw_series(std::iter::once(Text::new(
                    label,
                    (i as f64 + 0.3, used + top * 0.11),
                    ("sans-serif", 11).into_font().color(&RED),
                )));
            }
            super::legend(chart);
        },
    );
    let Some(svg) = drawn else {
        return super::empty(WIDTH, HEIGHT, "capacity", team, &desc);
    };
    finish_plotters(&svg, "capacity", &format!("Capacity of {team}"), &desc)
}
