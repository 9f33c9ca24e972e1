/** Common Swedish names (SCB's lists of the most common), for invented people. */
export const GIVEN_NAMES_CHILD = [
  'Alice', 'Maja', 'Vera', 'Elsa', 'Astrid', 'Wilma', 'Freja', 'Alma', 'Olivia', 'Ella', 'Ebba', 'Selma', 'Signe', 'Saga', 'Clara',
  'Noah', 'William', 'Hugo', 'Liam', 'Lucas', 'Oliver', 'Elias', 'Adam', 'Matteo', 'Leo', 'Nils', 'Alexander', 'Charlie', 'Theo', 'Vincent',
  'Amir', 'Yusuf', 'Sara', 'Leila', 'Omar', 'Nour', 'Ali', 'Hanna', 'Isak', 'Ida',
];
export const GIVEN_NAMES_ADULT = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Lena', 'Emma', 'Kristina', 'Johanna', 'Linda', 'Sofia', 'Fatima', 'Elin', 'Helena', 'Camilla',
  'Lars', 'Anders', 'Johan', 'Per', 'Erik', 'Mikael', 'Karl', 'Peter', 'Thomas', 'Daniel', 'Fredrik', 'Ahmed', 'Mohammed', 'Andreas', 'Jonas',
];
export const FAMILY_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson',
  'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist',
  'Lindgren', 'Axelsson', 'Berg', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson',
  'Sandberg', 'Henriksson', 'Mohammed', 'Ali', 'Hassan', 'Ahmed', 'Yilmaz', 'Nguyen', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström',
];
