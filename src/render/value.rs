//! Page contexts are built straight as template values. Building them as
//! `serde_json` values first and converting them for Tera cost more than
//! rendering the templates (measured: at 1,000 initiatives with 8 snapshots,
//! 0.9 s of CPU converting against 1.1 s rendering), and Tera's strings,
//! lists and maps are reference-counted, so a part every page shares (the
//! navigation, the site's settings) is built once and cloned for free.
//!
//! `tv!` takes the same shape as `serde_json::json!`: `{ "key": value, ... }`,
//! `[a, b]`, `null`, or any expression whose type implements [`IntoTv`].

pub use tera::Value;

/// Anything a page context holds, taken by reference as `json!` does.
pub trait IntoTv {
    fn into_tv(self) -> Value;
}

impl IntoTv for &Value {
    fn into_tv(self) -> Value {
        self.clone()
    }
}

impl IntoTv for &String {
    fn into_tv(self) -> Value {
        Value::from(self.as_str())
    }
}

impl IntoTv for &crate::base::Sym {
    fn into_tv(self) -> Value {
        Value::from(self.as_str())
    }
}

impl IntoTv for &str {
    fn into_tv(self) -> Value {
        Value::from(self)
    }
}

impl IntoTv for &bool {
    fn into_tv(self) -> Value {
        Value::from(*self)
    }
}

impl<'a, T: ?Sized> IntoTv for &&'a T
where
    &'a T: IntoTv,
{
    fn into_tv(self) -> Value {
        (*self).into_tv()
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl IntoTv for &$t {
            fn into_tv(self) -> Value {
                Value::from(*self as u64)
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64, usize);

/// Signed numbers as JSON kept them: non-negative ones are unsigned, so a
/// template compares and prints them exactly as before.
macro_rules! signed {
    ($($t:ty),*) => {$(
        impl IntoTv for &$t {
            fn into_tv(self) -> Value {
                let n = *self as i64;
                if n >= 0 { Value::from(n as u64) } else { Value::from(n) }
            }
        }
    )*};
}
signed!(i8, i16, i32, i64, isize);

impl IntoTv for &f64 {
    /// JSON has no NaN or infinity: they were `null`, and stay so.
    fn into_tv(self) -> Value {
        if self.is_finite() {
            Value::from(*self)
        } else {
            Value::none()
        }
    }
}

impl<'a, T> IntoTv for &'a Option<T>
where
    &'a T: IntoTv,
{
    fn into_tv(self) -> Value {
        self.as_ref().map_or_else(Value::none, IntoTv::into_tv)
    }
}

impl<'a, T> IntoTv for &'a Vec<T>
where
    &'a T: IntoTv,
{
    fn into_tv(self) -> Value {
        self.as_slice().into_tv()
    }
}

impl<'a, T> IntoTv for &'a [T]
where
    &'a T: IntoTv,
{
    fn into_tv(self) -> Value {
        Value::from(self.iter().map(IntoTv::into_tv).collect::<Vec<Value>>())
    }
}

impl<'a, T, const N: usize> IntoTv for &'a [T; N]
where
    &'a T: IntoTv,
{
    fn into_tv(self) -> Value {
        self.as_slice().into_tv()
    }
}

/// A model value (an initiative, front-matter extras) for templates that
/// want the raw item.
pub fn serialized<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// The map of `value` with `key` set (a new map if `value` is not one).
pub fn with(value: Value, key: &'static str, set: Value) -> Value {
    let mut map = value.into_map().unwrap_or_default();
    map.insert(tera::value::Key::Str(key), set);
    Value::from(map)
}

/// Builds a template value; see the module's documentation.
#[macro_export]
#[doc(hidden)]
macro_rules! tv {
    (null) => {
        $crate::render::value::Value::none()
    };
    ([ $($tt:tt)* ]) => {{
        #[allow(unused_mut)]
        let mut items: Vec<$crate::render::value::Value> = Vec::new();
        $crate::tv_array!(items; $($tt)*);
        $crate::render::value::Value::from(items)
    }};
    ({ $($tt:tt)* }) => {{
        // Gathered in a B-tree, not a tera map: tera builds its own map from
        // whatever it is given, so a tera map here was hashed twice, each
        // with a fresh random seed, and pages make millions of them.
        #[allow(unused_mut)]
        let mut map: std::collections::BTreeMap<&'static str, $crate::render::value::Value> =
            std::collections::BTreeMap::new();
        $crate::tv_object!(map; $($tt)*);
        $crate::render::value::Value::from(map)
    }};
    ($e:expr) => {
        $crate::render::value::IntoTv::into_tv(&$e)
    };
}

#[macro_export]
#[doc(hidden)]
macro_rules! tv_object {
    ($m:ident;) => {};
    ($m:ident; $k:literal : null $(, $($rest:tt)*)?) => {
        $m.insert($k, $crate::tv!(null));
        $crate::tv_object!($m; $($($rest)*)?);
    };
    ($m:ident; $k:literal : { $($v:tt)* } $(, $($rest:tt)*)?) => {
        $m.insert($k, $crate::tv!({ $($v)* }));
        $crate::tv_object!($m; $($($rest)*)?);
    };
    ($m:ident; $k:literal : [ $($v:tt)* ] $(, $($rest:tt)*)?) => {
        $m.insert($k, $crate::tv!([ $($v)* ]));
        $crate::tv_object!($m; $($($rest)*)?);
    };
    ($m:ident; $k:literal : $v:expr $(, $($rest:tt)*)?) => {
        $m.insert($k, $crate::tv!($v));
        $crate::tv_object!($m; $($($rest)*)?);
    };
}

/// The number of keys of a `tv!` map, counted as `tv_object!` reads them.
#[macro_export]
#[doc(hidden)]
macro_rules! tv_len {
    () => { 0usize };
    ($k:literal : null $(, $($rest:tt)*)?) => {
        1usize + $crate::tv_len!($($($rest)*)?)
    };
    ($k:literal : { $($v:tt)* } $(, $($rest:tt)*)?) => {
        1usize + $crate::tv_len!($($($rest)*)?)
    };
    ($k:literal : [ $($v:tt)* ] $(, $($rest:tt)*)?) => {
        1usize + $crate::tv_len!($($($rest)*)?)
    };
    ($k:literal : $v:expr $(, $($rest:tt)*)?) => {
        1usize + $crate::tv_len!($($($rest)*)?)
    };
}

#[macro_export]
#[doc(hidden)]
macro_rules! tv_array {
    ($v:ident;) => {};
    ($v:ident; null $(, $($rest:tt)*)?) => {
        $v.push($crate::tv!(null));
        $crate::tv_array!($v; $($($rest)*)?);
    };
    ($v:ident; { $($x:tt)* } $(, $($rest:tt)*)?) => {
        $v.push($crate::tv!({ $($x)* }));
        $crate::tv_array!($v; $($($rest)*)?);
    };
    ($v:ident; [ $($x:tt)* ] $(, $($rest:tt)*)?) => {
        $v.push($crate::tv!([ $($x)* ]));
        $crate::tv_array!($v; $($($rest)*)?);
    };
    ($v:ident; $e:expr $(, $($rest:tt)*)?) => {
        $v.push($crate::tv!($e));
        $crate::tv_array!($v; $($($rest)*)?);
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_of(v: &Value) -> serde_json::Value {
        serde_json::to_value(v).unwrap()
    }

    #[test]
    fn a_map_is_sized_for_its_keys_nested_ones_apart() {
        let name = String::from("Ops");
        assert_eq!(crate::tv_len!(), 0);
        assert_eq!(
            crate::tv_len!("a": null, "b": { "x": 1, "y": 2 }, "c": [1, 2, 3], "d": name),
            4
        );
        assert_eq!(crate::tv_len!("a": 1,), 1);
        let list = vec![1, 2, 3];
        let built = tv!({ "a": null, "b": { "x": 1, "y": 2 }, "c": list, "d": name });
        assert_eq!(built.as_map().map(|m| m.len()), Some(4));
    }

    #[test]
    fn the_macro_builds_what_json_did() {
        let name = String::from("Ops");
        let missing: Option<String> = None;
        let rows = vec![tv!({ "n": 1 }), tv!({ "n": -2 })];
        let built = tv!({
            "text": name,
            "url": null,
            "none": missing,
            "nested": { "list": [1, "two", { "three": 3.5 }], "empty": [] },
            "rows": rows,
            "nan": f64::NAN,
            "expr": format!("{}-{}", 1, 2),
        });
        let expected = serde_json::json!({
            "text": "Ops",
            "url": null,
            "none": null,
            "nested": { "list": [1, "two", { "three": 3.5 }], "empty": [] },
            "rows": [{ "n": 1 }, { "n": -2 }],
            "nan": null,
            "expr": "1-2",
        });
        assert_eq!(json_of(&built), expected);
        assert_eq!(json_of(&with(built, "url", tv!("x.html")))["url"], "x.html");
    }

    #[test]
    fn a_shared_part_is_one_allocation() {
        let nav = tv!([{ "text": "Dashboard", "url": "index.html" }]);
        let page = tv!({ "nav": nav });
        let inner = page.as_map().unwrap().values().next().unwrap();
        assert!(std::ptr::eq(
            inner.as_array().unwrap().as_ptr(),
            nav.as_array().unwrap().as_ptr()
        ));
    }
}
