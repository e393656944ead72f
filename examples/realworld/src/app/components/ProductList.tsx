import { items, updated } from "../data/products.json";
import products from "../data/products.json";

export function ProductList() {
  return (
    <section id="products">
      <ul>
        {items.map((item) => (
          <li key={item.id} data-id={item.id}>
            {item.name}: {item.price}
          </li>
        ))}
      </ul>
      <p id="shipping">
        {products["shipping-note"]} (as of {updated})
      </p>
    </section>
  );
}
