//! Delivery metrics per quarter: on-time completion rate and average
//! lateness, as bar charts.

use super::finish_plotters;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
            // A bar of 0 has no height: a stroke on the axis and every bar's
            // value above it tell "0" from "no data" at a glance.
            let _ = chart.draw_series(
                values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v == Some(0.0))
                    .map(|(i, _)| {
                        PathElement::new(
                            [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, 0.0)],
                            fill.stroke_width(3),
                        )
                    }),
            );
            let centred = Pos::new(HPos::Center, VPos::Bottom);
            let _ = chart.draw_series(values.iter().enumerate().map(|(i, v)| {
                let (text, colour) = match v {
                    Some(v) => (format!("{}{unit}", super::n(*v)), BLACK),
                    None => ("none".to_string(), RGBColor(0x55, 0x55, 0x55)),
                };
                let at = v.unwrap_or(0.0) + top * 0.03;
                Text::new(
                    text,
                    (i as f64 + 0.5, at),
                    ("sans-serif", 11).into_font().color(&colour).pos(centred),
                )
            }));
        },
    );
    let Some(svg) = drawn else {
        return super::empty(WIDTH, HEIGHT, "delivery", title, &desc);
    };
    finish_plotters(&svg, "delivery", title, &desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (x, y, text) of every text element.
    fn texts(svg: &str) -> Vec<(String, f64, String)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let attr = |name: &str| {
                    let from = t
                        .find(&format!(" {name}=\""))
                        .or_else(|| t.find(&format!("{name}=\"")))
                        .unwrap();
                    let rest = &t[from..];
                    let rest = &rest[rest.find('"').unwrap() + 1..];
                    rest[..rest.find('"').unwrap()].to_string()
                };
                let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                (
                    attr("x"),
                    attr("y").parse().unwrap(),
                    body.trim().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_bar_says_its_value_and_a_zero_is_drawn_apart_from_no_data() {
        let labels = ["2026-Q1", "2026-Q2", "2026-Q3"].map(String::from);
        let svg = bars(
            "Lateness",
            " d",
            &labels,
            &[Some(0.0), Some(12.0), None],
            None,
            (1, 2, 3),
        );
        let all = texts(&svg);
        // Above the axis (y 200) at each bar's centre: its value.
        let above = |x: &str| -> Vec<&str> {
            all.iter()
                .filter(|(tx, y, _)| tx == x && *y < 200.0)
                .map(|(_, _, t)| t.as_str())
                .collect()
        };
        assert_eq!(above("177"), ["0 d"], "{svg}");
        assert_eq!(above("405"), ["12 d"]);
        assert_eq!(above("633"), ["none"]);
        // The zero is a thick stroke along the axis under its bar.
        assert!(
            svg.contains(r##"stroke="#010203" stroke-width="3" points="109,199 246,199 ""##),
            "{svg}"
        );
    }
}
