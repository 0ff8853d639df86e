//! Numbers as SVG and CSS text, without the standard library's float
//! formatting (Grisu, Dragon and their big-number tables: about 5 KB of the
//! compressed bundle). The text is the same as `format!` gives.

/// `format!("{x:.digits$}")`, exactly: the decimal value of `x` rounded to
/// `digits` places, ties to even.
#[must_use]
pub fn fixed(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // The decimal digits of `x` times 10^digits, rounded to an integer.
    let mut decimal = if exponent >= 0 {
        let mut whole = digits_of(u128::from(mantissa));
        let mut left = exponent.unsigned_abs();
        while left > 0 {
            let step = left.min(24);
            shift_left(&mut whole, step);
            left -= step;
        }
        whole.extend(std::iter::repeat_n(0, digits));
        whole
    } else {
        let shift = exponent.unsigned_abs();
        let scaled = u128::from(mantissa) * (0..digits).fold(1_u128, |power, _| power * 10);
        let rounded = if shift >= 128 {
            // scaled < 2^90, far below half of 2^shift: rounds to zero.
            0
        } else {
            let whole = scaled >> shift;
            let rest = scaled & ((1 << shift) - 1);
            let half = 1 << (shift - 1);
            whole + u128::from(rest > half || (rest == half && whole % 2 == 1))
        };
        digits_of(rounded)
    };
    while decimal.len() <= digits {
        decimal.insert(0, 0);
    }
    let point = decimal.len() - digits;
    for (at, digit) in decimal.iter().enumerate() {
        if at == point {
            out.push('.');
        }
        out.push(char::from(b'0' + digit));
    }
    out
}

/// Decimal digits, most significant first (`[0]` for zero).
fn digits_of(mut number: u128) -> Vec<u8> {
    let mut digits = Vec::new();
    loop {
        digits.push((number % 10) as u8);
        number /= 10;
        if number == 0 {
            break;
        }
    }
    digits.reverse();
    digits
}

/// Multiplies a number held as decimal digits by 2^`bits` (`bits` ≤ 24).
fn shift_left(digits: &mut Vec<u8>, bits: u32) {
    let mut carry = 0_u64;
    for digit in digits.iter_mut().rev() {
        let product = (u64::from(*digit) << bits) + carry;
        *digit = (product % 10) as u8;
        carry = product / 10;
    }
    while carry > 0 {
        digits.insert(0, (carry % 10) as u8);
        carry /= 10;
    }
}

/// `x.to_string()` (`format!("{x}")`), exactly: the shortest digits that
/// read back as `x`, never in exponent form. The digits come from the
/// browser's `Number.prototype.toString`, which picks them by the same rule
/// (shortest, then closest) except exactly halfway between two spellings,
/// where it rounds to even and Rust rounds up: that case is detected (with
/// exact integer arithmetic) and rounded up here. The layout is redone.
#[must_use]
pub fn shortest(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    if x == 0.0 {
        return format!("{sign}0");
    }
    let text: String = js_sys::Number::from(x.abs())
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default();
    let (mantissa, exponent) = match text.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (whole, decimals) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The value is 0.<digits> × 10^point.
    let mut point = whole.len() as i64 + exponent;
    let mut digits: Vec<u8> = whole
        .bytes()
        .chain(decimals.bytes())
        .map(|b| b - b'0')
        .collect();
    while digits.len() > 1 && digits[0] == 0 {
        digits.remove(0);
        point -= 1;
    }
    if is_halfway_above(x.abs(), &digits, point) {
        // Round up: add one unit in the last place.
        let mut at = digits.len();
        loop {
            if at == 0 {
                digits.insert(0, 1);
                point += 1;
                break;
            }
            at -= 1;
            if digits[at] == 9 {
                digits[at] = 0;
            } else {
                digits[at] += 1;
                break;
            }
        }
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
    }
    let len = digits.len() as i64;
    let mut out = String::from(sign);
    let push_digits = |out: &mut String, digits: &[u8]| {
        out.extend(digits.iter().map(|digit| char::from(b'0' + digit)));
    };
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        push_digits(&mut out, &digits);
    } else if point >= len {
        push_digits(&mut out, &digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        push_digits(&mut out, &digits[..point as usize]);
        out.push('.');
        push_digits(&mut out, &digits[point as usize..]);
    }
    out
}

/// Whether `x` (positive, finite) is exactly 0.<digits>5 × 10^point: halfway
/// between `digits` and the next spelling of the same length.
fn is_halfway_above(x: f64, digits: &[u8], point: i64) -> bool {
    // The halfway value as an integer times 10^-places.
    let places = digits.len() as i64 + 1 - point;
    let mut halfway: Vec<u8> = digits.to_vec();
    halfway.push(5);
    if places <= 0 {
        // A whole number: compare with the exact digits of `x`.
        let mut exact = fixed(x, 0).into_bytes();
        exact.iter_mut().for_each(|b| *b -= b'0');
        halfway.extend(std::iter::repeat_n(0, places.unsigned_abs() as usize));
        return exact == halfway;
    }
    let Some(number) = halfway.iter().try_fold(0_u128, |n, d| {
        n.checked_mul(10)?.checked_add(u128::from(*d))
    }) else {
        return false;
    };
    // x = mantissa × 2^exponent; halfway = number / 10^places. Equal when
    // mantissa × 5^places × 2^(exponent + places) = number.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let Some(scaled) = u32::try_from(places)
        .ok()
        .and_then(|places| 5_u128.checked_pow(places))
        .and_then(|power| power.checked_mul(u128::from(mantissa)))
    else {
        return false;
    };
    let shift = exponent + places;
    if shift >= 0 {
        shift < 128 && scaled.leading_zeros() as i64 >= shift && scaled << shift == number
    } else {
        let shift = shift.unsigned_abs();
        shift < 128 && number.leading_zeros() as u64 >= shift && number << shift == scaled
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    fn samples() -> Vec<f64> {
        let mut samples = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            0.25,
            0.75,
            0.125,
            0.05,
            0.15,
            0.35,
            1e-7,
            5e-324,
            2.2e-308,
            1e15,
            9007199254740993.0,
            1e21,
            1.7976931348623157e308,
            -1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            123.456,
            -987.654321,
            0.999999,
        ];
        samples.extend((-2000..2000).map(|n| f64::from(n) / 16.0));
        samples.extend((-2000..2000).map(|n| f64::from(n) / 1000.0));
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..5_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            samples.push(f64::from_bits(state));
            samples.push((state % 2_000_000) as f64 / 997.0 - 1000.0);
        }
        samples
    }

    #[test]
    fn fixed_writes_what_format_writes() {
        for x in samples() {
            for digits in [0, 1, 2, 5] {
                assert_eq!(fixed(x, digits), format!("{x:.digits$}"), "{x:e} {digits}");
            }
        }
    }
}
