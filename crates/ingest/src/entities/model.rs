//! The tagger's weights: reading and writing the model file, and scoring.
//!
//! The file (`crates/ingest/data/entities/model.bin`) is little-endian:
//!
//! ```text
//! b"NDXNER01"  magic
//! u32          number of tags (9)
//! f32          scale: a stored weight times scale is the weight
//! u32          number of features n
//! n × u64      feature hashes, ascending
//! n × u16      for each feature, a bit mask of the tags it has weights for
//! ...  i16     the weights, feature by feature, tag by tag, in mask order
//! ```
//!
//! Feature hashes are made by [`super::features`]; the file holds no words.

use super::features::NUM_TAGS;

const MAGIC: &[u8; 8] = b"NDXNER01";

/// One slot of the table: a feature hash and its weights, quantised.
/// 32 bytes, so that a lookup touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    weights: [i16; NUM_TAGS],
    used: bool,
}

/// The high half of a key, never 0 (which marks an empty slot).
#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Weights by feature hash, in an open-addressing table.
#[derive(Debug, Clone)]
pub struct Model {
    /// The high half of each slot's key (0 for an empty slot): a compact
    /// array that stays in cache, so that the many features a model does
    /// not know are turned away without touching `slots`.
    fingerprints: Vec<u32>,
    slots: Vec<Slot>,
    mask: usize,
    scale: f32,
    len: usize,
}

/// What is wrong with a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad entity model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError("truncated".into()));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or([0; 2]),
        ))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
}

impl Model {
    /// A model from features and their weights, quantised to 16 bits.
    pub fn from_weights(features: Vec<(u64, [f32; NUM_TAGS])>) -> Model {
        let largest = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / i16::MAX as f32
        } else {
            1.0
        };
        let quantised = features
            .into_iter()
            .map(|(key, weights)| (key, weights.map(|w| (w / scale).round() as i16)))
            .collect();
        Model::from_quantised(quantised, scale)
    }

    fn from_quantised(features: Vec<(u64, [i16; NUM_TAGS])>, scale: f32) -> Model {
        // Probes stay short up to a table a little over half full; a table
        // twice as large would no longer fit the per-core cache.
        let capacity = (features.len() * 9 / 5).next_power_of_two().max(16);
        let mut model = Model {
            fingerprints: vec![0; capacity],
            slots: vec![Slot::default(); capacity],
            mask: capacity - 1,
            scale,
            len: 0,
        };
        for (key, weights) in features {
            if weights.iter().all(|&w| w == 0) {
                continue;
            }
            let mut index = (key as usize) & model.mask;
            while model.slots[index].used && model.slots[index].key != key {
                index = (index + 1) & model.mask;
            }
            if !model.slots[index].used {
                model.len += 1;
            }
            model.slots[index] = Slot {
                key,
                weights,
                used: true,
            };
            model.fingerprints[index] = fingerprint(key);
        }
        model
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut reader = Reader { bytes };
        if reader.take(8)? != MAGIC {
            return Err(ModelError("not a newsdex entity model".into()));
        }
        let tags = reader.u32()? as usize;
        if tags != NUM_TAGS {
            return Err(ModelError(format!("{tags} tags, expected {NUM_TAGS}")));
        }
        let scale = f32::from_le_bytes(reader.take(4)?.try_into().unwrap_or([0; 4]));
        let count = reader.u32()? as usize;
        let mut keys = Vec::with_capacity(count);
        for _ in 0..count {
            keys.push(reader.u64()?);
        }
        let mut masks = Vec::with_capacity(count);
        for _ in 0..count {
            masks.push(reader.u16()?);
        }
        let mut features = Vec::with_capacity(count);
        for (key, mask) in keys.into_iter().zip(masks) {
            let mut weights = [0; NUM_TAGS];
            for (tag, weight) in weights.iter_mut().enumerate() {
                if mask & (1 << tag) != 0 {
                    *weight = reader.u16()? as i16;
                }
            }
            features.push((key, weights));
        }
        if !reader.bytes.is_empty() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Model::from_quantised(features, scale))
    }

    /// Writes features and their weights as a model file, quantised to 16
    /// bits; weights that quantise to zero are left out, and so are
    /// features left with none.
    pub fn write(features: &[(u64, [f32; NUM_TAGS])]) -> Vec<u8> {
        let largest = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / i16::MAX as f32
        } else {
            1.0
        };
        let mut kept: Vec<(u64, u16, Vec<i16>)> = features
            .iter()
            .filter_map(|(key, weights)| {
                let mut mask = 0u16;
                let mut values = Vec::new();
                for (tag, &w) in weights.iter().enumerate() {
                    let q = (w / scale).round() as i16;
                    if q != 0 {
                        mask |= 1 << tag;
                        values.push(q);
                    }
                }
                (mask != 0).then_some((*key, mask, values))
            })
            .collect();
        kept.sort_by_key(|k| k.0);
        kept.dedup_by_key(|k| k.0);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (key, _, _) in &kept {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for (_, mask, _) in &kept {
            out.extend_from_slice(&mask.to_le_bytes());
        }
        for (_, _, values) in &kept {
            for v in values {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the model has no weights at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The weights of one feature, if it has any.
    pub fn weights(&self, key: u64) -> Option<[f32; NUM_TAGS]> {
        self.slot(key)
            .map(|slot| slot.weights.map(|w| f32::from(w) * self.scale))
    }

    #[inline]
    fn slot(&self, key: u64) -> Option<&Slot> {
        // Both tables are `mask + 1` long, which lets the compiler drop the
        // bounds checks of the probes.
        Model::probe(
            &self.fingerprints[..=self.mask],
            &self.slots[..=self.mask],
            self.mask,
            key,
        )
    }

    #[inline]
    fn probe<'a>(
        fingerprints: &[u32],
        slots: &'a [Slot],
        mask: usize,
        key: u64,
    ) -> Option<&'a Slot> {
        let wanted = fingerprint(key);
        let mut index = (key as usize) & mask;
        loop {
            let found = fingerprints[index];
            if found == 0 {
                return None;
            }
            if found == wanted {
                let slot = &slots[index];
                if slot.key == key {
                    return Some(slot);
                }
            }
            index = (index + 1) & mask;
        }
    }

    /// The score of each tag: the sum of the features' weights.
    #[inline]
    pub fn scores(&self, features: &[u64]) -> [f32; NUM_TAGS] {
        let mut sums = [0i32; NUM_TAGS];
        let fingerprints = &self.fingerprints[..=self.mask];
        let slots = &self.slots[..=self.mask];
        for &key in features {
            if let Some(slot) = Model::probe(fingerprints, slots, self.mask, key) {
                for (sum, &weight) in sums.iter_mut().zip(&slot.weights) {
                    *sum += i32::from(weight);
                }
            }
        }
        sums.map(|sum| sum as f32 * self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut a = [0.0; NUM_TAGS];
        a[1] = 2.0;
        a[3] = -1.0;
        let b = [0.5; NUM_TAGS];
        let zero = [0.0; NUM_TAGS];
        let bytes = Model::write(&[(7, a), (3, b), (9, zero)]);
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.len(), 2);
        let got = model.weights(7).unwrap();
        assert!((got[1] - 2.0).abs() < 1e-3 && (got[3] + 1.0).abs() < 1e-3);
        assert!(model.weights(9).is_none());
        let scores = model.scores(&[7, 3, 42]);
        assert!((scores[1] - 2.5).abs() < 1e-3);
    }

    #[test]
    fn finds_every_feature_of_a_crowded_table() {
        // Keys that share their low bits collide on the same home slot.
        let key_of = |i: u64| (i % 7) | (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) << 3);
        let features: Vec<(u64, [i16; NUM_TAGS])> = (1..=3000u64)
            .map(|i| {
                let mut weights = [0; NUM_TAGS];
                weights[(i as usize) % NUM_TAGS] = i as i16;
                (key_of(i), weights)
            })
            .collect();
        let model = Model::from_quantised(features.clone(), 1.0);
        assert_eq!(model.len(), features.len());
        for (key, weights) in &features {
            assert_eq!(
                model.weights(*key),
                Some(weights.map(f32::from)),
                "key {key:x}"
            );
        }
        for i in 3001..4000u64 {
            assert_eq!(model.weights(key_of(i)), None);
        }
    }

    #[test]
    fn rejects_bad_files() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"NDXNER01\x09\0\0\0").is_err());
        let mut bytes = Model::write(&[(1, [1.0; NUM_TAGS])]);
        bytes.push(0);
        assert!(Model::from_bytes(&bytes).is_err());
    }
}
