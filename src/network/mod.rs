//! Process networks: the technosphere system A·s = f (owned by the network helper; see ARCHITECTURE.md).
