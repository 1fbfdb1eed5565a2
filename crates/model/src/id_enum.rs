//! `id_enum!`: an enum written as a short id (in JSON, in forms, in the database), with that
//! one mapping serving serde, parsing and display.

/// A stored or sent value that is not one of the allowed ones, saying which and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue(pub String);

impl std::fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidValue {}

/// Declares `pub enum NAME { Variant = "id", … }` with `ALL`, `id()`, `parse()`,
/// `TryFrom<String>` (for database columns) and serde through the same ids.
#[macro_export]
macro_rules! id_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($id,)+].len()] = [$($name::$variant,)+];

            /// The id it is written as.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            pub fn parse(id: &str) -> Option<$name> {
                match id {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::InvalidValue;
            fn try_from(id: String) -> Result<$name, $crate::InvalidValue> {
                $name::parse(&id).ok_or_else(|| {
                    $crate::InvalidValue(format!(
                        concat!("`{}` is not a ", stringify!($name), " (one of: {})"),
                        id,
                        [$($id,)+].join(", ")
                    ))
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let id = String::deserialize(deserializer)?;
                $name::parse(&id).ok_or_else(|| ::serde::de::Error::unknown_variant(&id, &[$($id,)+]))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::id_enum! {
        /// A test enum.
        pub enum Colour {
            Red = "red",
            DarkBlue = "dark-blue",
        }
    }

    #[test]
    fn one_mapping_serves_ids_parsing_and_serde() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
        assert_eq!(Colour::DarkBlue.id(), "dark-blue");
        assert_eq!(Colour::parse("red"), Some(Colour::Red));
        assert_eq!(serde_json::to_string(&Colour::DarkBlue).ok().as_deref(), Some("\"dark-blue\""));
        assert_eq!(serde_json::from_str::<Colour>("\"red\"").ok(), Some(Colour::Red));
        assert!(serde_json::from_str::<Colour>("\"green\"").is_err());
        let refused = Colour::try_from("green".to_owned()).expect_err("not a colour");
        assert_eq!(refused.to_string(), "`green` is not a Colour (one of: red, dark-blue)");
    }
}
