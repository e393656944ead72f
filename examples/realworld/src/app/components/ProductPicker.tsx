"use client";

import { useState } from "react";
import products, { currency } from "../data/products.json";

export function ProductPicker() {
  const [chosen, setChosen] = useState(products.items[0].id);
  const item = products.items.find((p) => p.id === chosen)!;
  return (
    <section id="picker">
      <select id="product" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {products.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <output id="price">
        {item.price} {currency}
      </output>
    </section>
  );
}
