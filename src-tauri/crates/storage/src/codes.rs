//! Reading stored codes back. Every text code a table holds — a step, an action, an
//! offer's answer, a document kind, a currency, a template — becomes its type through
//! [`code`] (or [`parse`] for a value already read), and an unknown one is an error
//! that names the table, the column and the value: never a silent default, which
//! would show a user something the database does not say.

use rusqlite::types::Type;
use rusqlite::Row;

/// A stored code that is none of its type's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{table}.{column} holds an unknown value {value:?}")]
pub struct UnknownCode {
    pub table: &'static str,
    pub column: &'static str,
    pub value: String,
}

/// Column `col` of `row`, the text code of `table.column`, as its type.
pub(crate) fn code<T>(
    row: &Row,
    col: usize,
    (table, column): (&'static str, &'static str),
    from_code: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let value: String = row.get(col)?;
    parse(&value, col, (table, column), from_code)
}

/// `value`, read from column `col` (`table.column`), as its type.
pub(crate) fn parse<T>(
    value: &str,
    col: usize,
    (table, column): (&'static str, &'static str),
    from_code: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    from_code(value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            Type::Text,
            Box::new(UnknownCode {
                table,
                column,
                value: value.to_string(),
            }),
        )
    })
}

/// The unknown code inside a conversion failure, if that is what it is.
pub(crate) fn unknown(e: &rusqlite::Error) -> Option<&UnknownCode> {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref(),
        _ => None,
    }
}
